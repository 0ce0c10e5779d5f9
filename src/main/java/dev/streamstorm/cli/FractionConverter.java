package dev.streamstorm.cli;

import java.math.BigDecimal;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a share the way thresholds write one: {@code 5%} or the fraction {@code 0.05}. */
final class FractionConverter implements ITypeConverter<BigDecimal> {
  @Override
  public BigDecimal convert(String value) {
    String v = value.strip();
    boolean percent = v.endsWith("%");
    BigDecimal n;
    try {
      n = new BigDecimal(percent ? v.substring(0, v.length() - 1).strip() : v);
    } catch (NumberFormatException e) {
      throw invalid(value);
    }
    if (n.signum() < 0) {
      throw invalid(value);
    }
    if (percent) {
      return n.movePointLeft(2);
    }
    if (n.compareTo(BigDecimal.ONE) > 0) {
      throw new TypeConversionException(
          "expected a percentage like 5% or a fraction like 0.05, got '"
              + value
              + "' (did you mean "
              + v
              + "%?)");
    }
    return n;
  }

  private static TypeConversionException invalid(String value) {
    return new TypeConversionException(
        "expected a percentage like 5% or a fraction like 0.05, got '" + value + "'");
  }
}
