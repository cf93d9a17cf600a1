package dev.converge.core.retry;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** An SLF4J logger that keeps every event, so tests assert on what was logged at which level. */
final class RecordingLogger extends LegacyAbstractLogger {

  record Event(Level level, String message, Throwable throwable) {}

  private final List<Event> events = new ArrayList<>();

  RecordingLogger() {
    this.name = "test";
  }

  List<Event> events() {
    return events;
  }

  List<String> messages(Level level) {
    return events.stream().filter(e -> e.level() == level).map(Event::message).toList();
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern,
      Object[] arguments, Throwable throwable) {
    events.add(new Event(level, MessageFormatter.basicArrayFormat(pattern, arguments), throwable));
  }

  @Override
  public boolean isTraceEnabled() {
    return true;
  }

  @Override
  public boolean isDebugEnabled() {
    return true;
  }

  @Override
  public boolean isInfoEnabled() {
    return true;
  }

  @Override
  public boolean isWarnEnabled() {
    return true;
  }

  @Override
  public boolean isErrorEnabled() {
    return true;
  }
}
