// SPDX-License-Identifier: Apache-2.0
package org.vigil.ooni.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Builds a Jackson tree from a streaming parser, as {@code ObjectMapper.readTree} does (integers as
 * int, long or big-integer nodes, other numbers as doubles, the last of repeated keys), without
 * databind's mapping machinery: loading that costs a command-line run more than reading OONI's
 * fingerprint files does.
 */
public final class JsonTrees {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonTrees() {}

  /** The value at the parser's next token, or {@code null} at the end of the input. */
  public static JsonNode read(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    return t == null ? null : value(p, t);
  }

  private static JsonNode value(JsonParser p, JsonToken t) throws IOException {
    return switch (t) {
      case START_OBJECT -> {
        ObjectNode o = NODES.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          o.set(name, value(p, p.nextToken()));
        }
        yield o;
      }
      case START_ARRAY -> {
        ArrayNode a = NODES.arrayNode();
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
          a.add(value(p, e));
        }
        yield a;
      }
      case VALUE_STRING -> NODES.textNode(p.getText());
      case VALUE_NUMBER_INT ->
          switch (p.getNumberType()) {
            case INT -> NODES.numberNode(p.getIntValue());
            case LONG -> NODES.numberNode(p.getLongValue());
            default -> NODES.numberNode(p.getBigIntegerValue());
          };
      case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      case VALUE_NULL -> NullNode.getInstance();
      default -> throw new IOException("unexpected JSON token " + t);
    };
  }
}
