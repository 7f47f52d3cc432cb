package org.rayonignite.config;

import org.apache.ignite.IgniteLogger;
import org.apache.ignite.logger.slf4j.Slf4jLogger;

/**
 * Ignite's SLF4J logger, minus "quiet mode": in quiet mode Ignite prints start and stop lines
 * straight to {@code System.out}, which an embedded library must not do. Everything goes through
 * SLF4J, so the application's logging configuration decides what is shown.
 */
final class Slf4jIgniteLogger implements IgniteLogger {
  private final Slf4jLogger delegate;

  Slf4jIgniteLogger() {
    this(new Slf4jLogger());
  }

  private Slf4jIgniteLogger(Slf4jLogger delegate) {
    this.delegate = delegate;
  }

  @Override
  public IgniteLogger getLogger(Object context) {
    return new Slf4jIgniteLogger(delegate.getLogger(context));
  }

  @Override
  public void trace(String msg) {
    delegate.trace(msg);
  }

  @Override
  public void debug(String msg) {
    delegate.debug(msg);
  }

  @Override
  public void info(String msg) {
    delegate.info(msg);
  }

  @Override
  public void warning(String msg, Throwable e) {
    // Ignite flags its own unguarded info calls as warnings when INFO is off; they are info.
    if (msg != null && msg.startsWith("Logging at INFO level without checking")) {
      delegate.debug(msg);
    } else {
      delegate.warning(msg, e);
    }
  }

  @Override
  public void error(String msg, Throwable e) {
    delegate.error(msg, e);
  }

  @Override
  public boolean isTraceEnabled() {
    return delegate.isTraceEnabled();
  }

  @Override
  public boolean isDebugEnabled() {
    return delegate.isDebugEnabled();
  }

  @Override
  public boolean isInfoEnabled() {
    return delegate.isInfoEnabled();
  }

  @Override
  public boolean isQuiet() {
    return false;
  }

  @Override
  public String fileName() {
    return null;
  }
}
