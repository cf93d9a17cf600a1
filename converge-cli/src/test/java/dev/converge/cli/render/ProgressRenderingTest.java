package dev.converge.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.core.status.Readiness;
import dev.converge.engine.manifest.ObjectKey;
import dev.converge.engine.progress.ApplyAction;
import dev.converge.engine.progress.ProgressEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Progress events become rows, table lines and plain lines with the right words and clocks. */
class ProgressRenderingTest {
  static final ObjectKey NS = new ObjectKey("", "Namespace", null, "shop");
  static final ObjectKey API = new ObjectKey("apps", "Deployment", "shop", "api");

  final ManualClock clock = new ManualClock();
  final ProgressBoard board = new ProgressBoard(clock);

  @Nested
  class Board {
    @Test
    void givenPlan_whenNothingHappened_thenEveryObjectIsPendingInPlanOrder() {
      board.on(new ProgressEvent.Planned(List.of(List.of(NS), List.of(API))));

      assertThat(board.rows()).extracting(Row::object, Row::action, Row::status)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("Namespace shop", "pending", "-"),
              org.assertj.core.groups.Tuple.tuple("Deployment shop/api", "pending", "-"));
    }

    @Test
    void givenWaitingObject_whenTimePasses_thenItsClockRunsUntilReady() {
      // given
      board.on(new ProgressEvent.Planned(List.of(List.of(API))));
      board.on(new ProgressEvent.Applied(API, ApplyAction.CREATED));
      board.on(new ProgressEvent.Waiting(API));

      // when
      clock.advance(Duration.ofMillis(1500));

      // then
      assertThat(board.rows().get(0)).returns("created", Row::action).returns("IN_PROGRESS", Row::status)
          .returns(Duration.ofMillis(1500), Row::elapsed).returns(false, Row::done);

      // when: ready, then more time passes
      board.on(new ProgressEvent.Ready(API, Readiness.current("Available", "3/3 ready")));
      clock.advance(Duration.ofSeconds(5));

      // then: the clock stopped at ready
      assertThat(board.rows().get(0)).returns("CURRENT", Row::status)
          .returns(Duration.ofMillis(1500), Row::elapsed).returns(true, Row::done);
    }

    @Test
    void givenFailure_thenRowShowsFailedWithReason() {
      board.on(new ProgressEvent.Failed(API, "ImagePullBackOff: pod api-1", null));

      assertThat(board.rows().get(0)).returns("FAILED", Row::status)
          .returns("ImagePullBackOff: pod api-1", Row::reason);
    }

    @Test
    void givenPrunedAndDeleted_thenActionsSayPrunedAndDeleted() {
      board.on(new ProgressEvent.Pruned(NS));
      board.on(new ProgressEvent.Deleted(API));

      assertThat(board.rows()).extracting(Row::action).containsExactly("pruned", "deleted");
      assertThat(board.rows()).extracting(Row::status).containsOnly("NOT_FOUND");
    }
  }

  @Nested
  class Table {
    @Test
    void givenRows_thenHeaderAndAlignedColumns() {
      List<Row> rows = List.of(
          new Row("Namespace shop", "created", "CURRENT", "", Duration.ofMillis(120), true),
          new Row("Deployment shop/api", "configured", "IN_PROGRESS", "1/3 ready", Duration.ofSeconds(75), false));

      List<String> lines = TableFormat.lines(rows, 200, false);

      assertThat(lines).hasSize(3);
      assertThat(lines.get(0)).startsWith("OBJECT").contains("ACTION", "STATUS", "ELAPSED", "REASON");
      assertThat(lines.get(1)).contains("Namespace shop", "created", "CURRENT", "0.1s");
      assertThat(lines.get(2)).contains("configured", "IN_PROGRESS", "1m15s", "1/3 ready");
      assertThat(lines.get(1).indexOf("created")).isEqualTo(lines.get(2).indexOf("configured"));
    }

    @Test
    void givenNarrowTerminal_thenLinesAreCutToWidth() {
      List<Row> rows = List.of(new Row("Deployment shop/api", "created", "FAILED",
          "a very long reason ".repeat(10), Duration.ZERO, true));

      assertThat(TableFormat.lines(rows, 60, false)).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(60));
    }

    @Test
    void givenColor_thenFailedIsRedAndCurrentGreen() {
      List<String> lines = TableFormat.lines(List.of(
          new Row("a", "created", "CURRENT", "", Duration.ZERO, true),
          new Row("b", "created", "FAILED", "x", Duration.ZERO, true)), 100, true);

      assertThat(lines.get(1)).startsWith("\u001b[32m");
      assertThat(lines.get(2)).startsWith("\u001b[31m");
    }
  }

  @Nested
  class Plain {
    @Test
    void givenEvents_thenOneLinePerEventWithTime() {
      StringWriter text = new StringWriter();
      PlainProgress plain = new PlainProgress(new PrintWriter(text), board, Redactor.NONE);

      plain.on(new ProgressEvent.Planned(List.of(List.of(NS), List.of(API))));
      plain.on(new ProgressEvent.Applied(NS, ApplyAction.CREATED));
      clock.advance(Duration.ofMillis(2300));
      plain.on(new ProgressEvent.Failed(API, "timed out\nwaiting", null));

      assertThat(text.toString().lines()).containsExactly(
          "[  0.0s] planned    2 objects in 2 stages",
          "[  0.0s] created    Namespace shop",
          "[  2.3s] failed     Deployment shop/api: timed out waiting");
    }

    @Test
    void givenSecretValueInReason_thenItIsRedacted() {
      StringWriter text = new StringWriter();
      PlainProgress plain = new PlainProgress(new PrintWriter(text), board,
          Redactor.of(List.of("hunter2-secret")));

      plain.on(new ProgressEvent.Failed(API, "invalid value hunter2-secret", null));

      assertThat(text.toString()).doesNotContain("hunter2-secret").contains("[redacted]");
    }
  }

  @Nested
  class Live {
    @Test
    void givenSecondFrame_thenCursorMovesUpOverTheFirstAndRedraws() {
      StringWriter text = new StringWriter();
      try (LiveTable live = new LiveTable(new PrintWriter(text), board, Redactor.NONE, 120)) {
        live.on(new ProgressEvent.Planned(List.of(List.of(API))));
        live.on(new ProgressEvent.Applied(API, ApplyAction.CREATED));
      }

      // Two lines (header + row) drawn, then the cursor moves up 2 before each redraw.
      assertThat(text.toString()).contains("\u001b[2A").contains("Deployment shop/api");
    }

    @Test
    void givenClosed_whenClosedAgainOrMoreEvents_thenNothingIsDrawnOverTheTextBelow() {
      StringWriter text = new StringWriter();
      LiveTable live = new LiveTable(new PrintWriter(text), board, Redactor.NONE, 120);
      live.on(new ProgressEvent.Planned(List.of(List.of(API))));
      live.close();
      int length = text.toString().length();

      live.on(new ProgressEvent.Ready(API, Readiness.current("Available", "ok")));
      live.close();

      assertThat(text.toString()).hasSize(length);
    }
  }
}
