package org.rayonignite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * When a test fails, says in its failure's first line how each worker JVM of its class ended:
 * the last line of each worker's log ({@code [the process exited with code N]} if it is gone).
 * Build logs often show only that first line; the whole logs are in {@code target/worker-logs}.
 * Registered for every test by {@code META-INF/services} (autodetection is on).
 */
public final class WorkerLogsOnFailure
    implements BeforeAllCallback, TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(WorkerLogsOnFailure.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    context.getStore(NAMESPACE).put("firstLog", TestClusters.WORKER_LOGS.size());
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
    throw withWorkers(context, failure);
  }

  @Override
  public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    throw withWorkers(context, failure);
  }

  @Override
  public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    throw withWorkers(context, failure);
  }

  private static Throwable withWorkers(ExtensionContext context, Throwable failure) {
    Integer first = context.getStore(NAMESPACE).get("firstLog", Integer.class);
    List<Path> logs = TestClusters.WORKER_LOGS;
    if (failure instanceof TestAbortedException || first == null || first >= logs.size()) {
      return failure;
    }
    List<String> ends = new ArrayList<>();
    for (Path log : logs.subList(first, logs.size())) {
      if (Files.exists(log)) { // a test may have sent the output elsewhere (ChaosTest: target/chaos)
        ends.add(log.getFileName() + ": " + lastLine(log));
      }
    }
    if (ends.isEmpty()) {
      return failure;
    }
    AssertionError explained = new AssertionError(failure.getClass().getSimpleName() + ": "
        + String.valueOf(failure.getMessage()).replaceAll("\\s*\\R\\s*", " ")
        + " | workers (target/worker-logs) " + String.join("; ", ends), failure);
    explained.setStackTrace(failure.getStackTrace());
    return explained;
  }

  private static String lastLine(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (!lines.get(i).isBlank()) {
          String line = lines.get(i).trim();
          return line.length() > 200 ? line.substring(0, 200) + "..." : line;
        }
      }
      return "(no output)";
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
