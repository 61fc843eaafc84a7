// SPDX-License-Identifier: Apache-2.0
package org.vigil.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Why the store loads through DuckDB's appender: rows per second for 20,000 {@code (series_id, t,
 * value)} rows appended with the appender versus a JDBC batch of prepared inserts, each in one
 * transaction, into an in-memory table.
 *
 * <p>Run: {@code java -jar vigil-bench/target/benchmarks.jar AppenderVsBatchBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AppenderVsBatchBenchmark {
  static final int ROWS = 20_000;

  @Param({"appender", "jdbc-batch"})
  public String method;

  Connection conn;
  long next;

  @Setup(Level.Iteration)
  public void open() throws SQLException {
    conn = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement st = conn.createStatement()) {
      st.execute("CREATE TABLE p (series_id INTEGER, t BIGINT, value DOUBLE)");
    }
  }

  @TearDown(Level.Iteration)
  public void close() throws SQLException {
    conn.close();
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void load() throws SQLException {
    conn.setAutoCommit(false);
    if (method.equals("appender")) {
      try (DuckDBAppender app =
          ((DuckDBConnection) conn).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "p")) {
        for (int i = 0; i < ROWS; i++) {
          app.beginRow().append(i % 100).append(next++).append(i * 0.5).endRow();
        }
      }
    } else {
      try (PreparedStatement ps = conn.prepareStatement("INSERT INTO p VALUES (?, ?, ?)")) {
        for (int i = 0; i < ROWS; i++) {
          ps.setInt(1, i % 100);
          ps.setLong(2, next++);
          ps.setDouble(3, i * 0.5);
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    conn.commit();
    conn.setAutoCommit(true);
  }
}
