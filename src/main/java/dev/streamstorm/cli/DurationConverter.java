package dev.streamstorm.cli;

import dev.streamstorm.scenario.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations the way scenario files write them: 30s, 500ms, 2m, 1h. */
final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    return Durations.parse(value)
        .orElseThrow(
            () ->
                new TypeConversionException(
                    "expected a duration like 30s, 500ms or 2m, got '" + value + "'"));
  }
}
