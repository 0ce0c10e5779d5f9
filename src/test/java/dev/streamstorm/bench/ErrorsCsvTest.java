package dev.streamstorm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErrorsCsvTest {

  @TempDir Path dir;

  @Test
  void oneRowPerMatchedMessageStepAfterStep() throws Exception {
    Path file = dir.resolve("errors.csv");
    ErrorsCsv csv = new ErrorsCsv(file);

    csv.append("sse-100", List.of(new TtftError.Match("b1-1-1-1", 5_250_000, 5_000_000)));
    csv.append("sse-500", List.of(new TtftError.Match("b2-7-3-1", 9_000_000, 8_999_000)));

    assertThat(Files.readAllLines(file))
        .containsExactly(
            "step,request_id,client_first_token_ns,server_first_token_ns,error_us",
            "sse-100,b1-1-1-1,5250000,5000000,250",
            "sse-500,b2-7-3-1,9000000,8999000,1");
  }
}
