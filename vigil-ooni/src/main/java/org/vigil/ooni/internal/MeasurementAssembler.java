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
import java.util.Arrays;
import java.util.Set;

/**
 * Builds measurement trees from a token stream, one root value at a time, leaving out the parts of
 * {@code test_keys} that no verdict reads. Works with a blocking parser and with Jackson's
 * non-blocking one alike (it returns when the parser wants more input), and with an explicit stack,
 * so nesting depth costs no Java stack.
 *
 * <p>A root object is one measurement. A root array is a list of measurements, handed on one by one
 * as each element closes, so that a file holding one large array is not kept whole.
 *
 * <p>What is left out, and why that cannot change a verdict (OONI's fastpath reads only these
 * paths; see {@code FastpathScorer}): in {@code test_keys}, the values of {@code control}, {@code
 * network_events}, {@code tls_handshakes} and the {@code x_} diagnostics of Web Connectivity 0.5;
 * in {@code requests[].request} everything but {@code url}; in {@code requests[].response}
 * everything but {@code body} and {@code headers}; in {@code queries[]} everything but {@code
 * answers}, and in each answer everything but {@code ipv4}, {@code ipv6} and {@code hostname}; in
 * Tor's {@code targets}, the contents of {@code network_events} (the key is kept, with a null
 * value, because the fastpath checks that it is there). A value of an unexpected type at these
 * places is kept whole, so the scorer sees it as the fastpath would.
 */
public final class MeasurementAssembler {
  /** Receives the measurements and the root values that are not objects. */
  public interface Emitter {
    void measurement(ObjectNode json, long line);

    void notAMeasurement(String what, long line);
  }

  /** What {@link #advance} stopped at. */
  public enum Status {
    /** A root value is complete. */
    DONE,
    /** The (non-blocking) parser needs more input. */
    NEED_INPUT,
    /** The parser reached the end of its input before a root value completed (or began). */
    END_OF_INPUT
  }

  private enum Ctx {
    GENERIC,
    ROOT,
    ROOT_ARRAY,
    TEST_KEYS,
    REQUESTS,
    REQUEST_ENTRY,
    REQUEST,
    RESPONSE,
    QUERIES,
    QUERY,
    ANSWERS,
    ANSWER,
    TARGETS,
    TARGET
  }

  private static final Set<String> TEST_KEYS_SKIPPED =
      Set.of(
          "control",
          "network_events",
          "tls_handshakes",
          "x_conn_priority_log",
          "x_control_request",
          "x_dns_duplicate_responses",
          "x_dns_whoami",
          "x_do53",
          "x_doh");

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  // What to do with the value after a field name.
  private static final int KEEP = 0;
  private static final int SKIP = 1;
  private static final int PLACEHOLDER = 2;

  private final Emitter emitter;
  private JsonNode[] nodes = new JsonNode[32];
  private Ctx[] ctxs = new Ctx[32];
  private String[] names = new String[32];
  private int[] actions = new int[32];
  private int depth;
  private int skipDepth;
  private long rootLine;
  private long elementLine;

  public MeasurementAssembler(Emitter emitter) {
    this.emitter = emitter;
  }

  /** Forgets any partly built value. */
  public void reset() {
    Arrays.fill(nodes, 0, depth + 1, null);
    depth = 0;
    skipDepth = 0;
  }

  /** Whether a root value has begun and not yet completed. */
  public boolean inValue() {
    return depth > 0 || skipDepth > 0;
  }

  /**
   * Reads tokens until a root value completes or the parser has no more to give. Measurements (and
   * non-objects) are passed to the emitter as they complete.
   *
   * @param line the input line the parser is reading, for the measurements that start there
   * @throws IOException as the parser throws it, for malformed JSON
   */
  public Status advance(JsonParser p, long line) throws IOException {
    while (true) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return Status.END_OF_INPUT;
      }
      if (t == JsonToken.NOT_AVAILABLE) {
        return Status.NEED_INPUT;
      }
      if (skipDepth > 0) {
        if (t.isStructStart()) {
          skipDepth++;
        } else if (t.isStructEnd() && --skipDepth == 0 && depth == 0) {
          return Status.DONE;
        }
        continue;
      }
      if (t == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        names[depth] = name;
        actions[depth] = action(ctxs[depth], name);
        continue;
      }
      if (t.isStructEnd()) {
        if (close(line)) {
          return Status.DONE;
        }
        continue;
      }
      if (depth == 0) {
        if (startRoot(t, p, line)) {
          return Status.DONE;
        }
        continue;
      }
      value(t, p, line);
    }
  }

  /** Starts a root value; true if it is already complete (a scalar). */
  private boolean startRoot(JsonToken t, JsonParser p, long line) {
    if (t == JsonToken.START_OBJECT) {
      rootLine = line;
      push(NODES.objectNode(), Ctx.ROOT);
      return false;
    }
    if (t == JsonToken.START_ARRAY) {
      push(null, Ctx.ROOT_ARRAY);
      return false;
    }
    emitter.notAMeasurement("a JSON " + describe(t) + ", not an object", line);
    return true;
  }

  private void value(JsonToken t, JsonParser p, long line) throws IOException {
    Ctx parent = ctxs[depth];
    if (parent == Ctx.ROOT_ARRAY) {
      if (t == JsonToken.START_OBJECT) {
        elementLine = line;
        push(NODES.objectNode(), Ctx.ROOT);
      } else {
        emitter.notAMeasurement("an array element that is " + describe(t), line);
        if (t.isStructStart()) {
          skipDepth = 1;
        }
      }
      return;
    }
    JsonNode container = nodes[depth];
    boolean inObject = container.isObject();
    int action = inObject ? actions[depth] : KEEP;
    if (action == SKIP) {
      if (t.isStructStart()) {
        skipDepth = 1;
      }
      return;
    }
    if (action == PLACEHOLDER) {
      ((ObjectNode) container).set(names[depth], NullNode.getInstance());
      if (t.isStructStart()) {
        skipDepth = 1;
      }
      return;
    }
    JsonNode node;
    Ctx child = null;
    switch (t) {
      case START_OBJECT -> {
        node = NODES.objectNode();
        child = inObject ? objectChild(parent, names[depth]) : elementChild(parent, true);
      }
      case START_ARRAY -> {
        node = NODES.arrayNode();
        child = inObject ? arrayChild(parent, names[depth]) : elementChild(parent, false);
      }
      case VALUE_STRING -> node = NODES.textNode(p.getText());
      case VALUE_NUMBER_INT -> node = integer(p);
      case VALUE_NUMBER_FLOAT -> node = NODES.numberNode(p.getDoubleValue());
      case VALUE_TRUE -> node = NODES.booleanNode(true);
      case VALUE_FALSE -> node = NODES.booleanNode(false);
      case VALUE_NULL -> node = NullNode.getInstance();
      default -> node = NODES.textNode(p.getText()); // embedded objects do not occur in JSON
    }
    if (inObject) {
      ((ObjectNode) container).set(names[depth], node);
    } else {
      ((ArrayNode) container).add(node);
    }
    if (child != null) {
      push(node, child);
    }
  }

  private static JsonNode integer(JsonParser p) throws IOException {
    return switch (p.getNumberType()) {
      case INT -> NODES.numberNode(p.getIntValue());
      case LONG -> NODES.numberNode(p.getLongValue());
      default -> NODES.numberNode(p.getBigIntegerValue());
    };
  }

  /** Closes the innermost container; true if that completed the root value. */
  private boolean close(long line) {
    JsonNode done = nodes[depth];
    Ctx ctx = ctxs[depth];
    nodes[depth] = null;
    depth--;
    if (depth == 0) {
      if (ctx == Ctx.ROOT) {
        emitter.measurement((ObjectNode) done, rootLine);
      }
      return true;
    }
    if (ctxs[depth] == Ctx.ROOT_ARRAY) {
      emitter.measurement((ObjectNode) done, elementLine);
    }
    return false;
  }

  private void push(JsonNode node, Ctx ctx) {
    depth++;
    if (depth == nodes.length) {
      int n = nodes.length * 2;
      nodes = Arrays.copyOf(nodes, n);
      ctxs = Arrays.copyOf(ctxs, n);
      names = Arrays.copyOf(names, n);
      actions = Arrays.copyOf(actions, n);
    }
    nodes[depth] = node;
    ctxs[depth] = ctx;
  }

  private static int action(Ctx ctx, String name) {
    return switch (ctx) {
      case TEST_KEYS -> TEST_KEYS_SKIPPED.contains(name) ? SKIP : KEEP;
      case REQUEST -> name.equals("url") ? KEEP : SKIP;
      case RESPONSE -> name.equals("body") || name.equals("headers") ? KEEP : SKIP;
      case QUERY -> name.equals("answers") ? KEEP : SKIP;
      case ANSWER ->
          name.equals("ipv4") || name.equals("ipv6") || name.equals("hostname") ? KEEP : SKIP;
      case TARGET -> name.equals("network_events") ? PLACEHOLDER : KEEP;
      default -> KEEP;
    };
  }

  private static Ctx objectChild(Ctx parent, String name) {
    return switch (parent) {
      case ROOT ->
          name.equals("test_keys")
              ? Ctx.TEST_KEYS
              : name.equals("content") ? Ctx.ROOT : Ctx.GENERIC;
      case TEST_KEYS -> name.equals("targets") ? Ctx.TARGETS : Ctx.GENERIC;
      case REQUEST_ENTRY ->
          name.equals("request")
              ? Ctx.REQUEST
              : name.equals("response") ? Ctx.RESPONSE : Ctx.GENERIC;
      case TARGETS -> Ctx.TARGET;
      default -> Ctx.GENERIC;
    };
  }

  private static Ctx arrayChild(Ctx parent, String name) {
    if (parent == Ctx.TEST_KEYS) {
      if (name.equals("requests")) {
        return Ctx.REQUESTS;
      }
      if (name.equals("queries")) {
        return Ctx.QUERIES;
      }
    } else if (parent == Ctx.QUERY && name.equals("answers")) {
      return Ctx.ANSWERS;
    }
    return Ctx.GENERIC;
  }

  private static Ctx elementChild(Ctx parent, boolean object) {
    if (!object) {
      return Ctx.GENERIC;
    }
    return switch (parent) {
      case REQUESTS -> Ctx.REQUEST_ENTRY;
      case QUERIES -> Ctx.QUERY;
      case ANSWERS -> Ctx.ANSWER;
      default -> Ctx.GENERIC;
    };
  }

  private static String describe(JsonToken t) {
    return switch (t) {
      case START_ARRAY -> "array";
      case START_OBJECT -> "object";
      case VALUE_STRING -> "string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
      case VALUE_TRUE, VALUE_FALSE -> "boolean";
      case VALUE_NULL -> "null";
      default -> t.name();
    };
  }
}
