package dev.streamstorm.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.util.Map;

/**
 * What the terminal can show: under {@code LANG=C} the JVM writes ASCII, and the summary's symbols
 * (·, ✓, ⚠, →, µ; try's ── rule) would come out as {@code ?}. Where the charset cannot encode them,
 * the command line's writers put ASCII in their place instead.
 */
final class TerminalCharset {
  static final Map<Character, String> ASCII =
      Map.ofEntries(
          Map.entry('·', "-"),
          Map.entry('✓', "ok"),
          Map.entry('✗', "X"),
          Map.entry('⚠', "!"),
          Map.entry('→', "->"),
          Map.entry('µ', "u"),
          Map.entry('≤', "<="),
          Map.entry('−', "-"),
          Map.entry('–', "-"),
          Map.entry('×', "x"),
          Map.entry('…', "..."),
          Map.entry('─', "-"));

  private TerminalCharset() {}

  /** The charset the JVM writes standard output in. */
  static Charset stdout() {
    String console = System.getProperty("sun.stdout.encoding");
    try {
      return console != null ? Charset.forName(console) : Charset.defaultCharset();
    } catch (IllegalArgumentException unknown) {
      return Charset.defaultCharset();
    }
  }

  /** A writer for {@code out} in {@code charset}, transliterating the symbols it cannot encode. */
  static PrintWriter writer(OutputStream out, Charset charset) {
    Writer w = new OutputStreamWriter(out, charset);
    return new PrintWriter(canShowSymbols(charset) ? w : new Transliterating(w), true);
  }

  static boolean canShowSymbols(Charset charset) {
    CharsetEncoder e = charset.newEncoder();
    return ASCII.keySet().stream().allMatch(e::canEncode);
  }

  /** Replaces each symbol of {@link #ASCII} by its ASCII spelling. */
  static final class Transliterating extends FilterWriter {
    Transliterating(Writer out) {
      super(out);
    }

    @Override
    public void write(int c) throws IOException {
      String ascii = ASCII.get((char) c);
      if (ascii == null) {
        out.write(c);
      } else {
        out.write(ascii);
      }
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
      for (int i = off; i < off + len; i++) {
        write(buf[i]);
      }
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
      for (int i = off; i < off + len; i++) {
        write(s.charAt(i));
      }
    }
  }
}
