package dev.streamstorm.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes an output file whole or not at all: through a temporary sibling and a rename, so a reader
 * never sees half of it. What the user named is respected: a symbolic link is followed (the file it
 * points to is written, the link stays), and an existing file that is not a regular file (a device
 * such as {@code /dev/null}, a FIFO) is written in place, never replaced. A new file gets the
 * permissions the umask gives (as any program's output); a replaced one keeps its own.
 */
public final class AtomicFiles {

  /** Writes the content. */
  public interface Writer {
    void write(OutputStream out) throws IOException;
  }

  private static final Set<PosixFilePermission> READ_WRITE_ALL =
      PosixFilePermissions.fromString("rw-rw-rw-");

  private AtomicFiles() {}

  public static void write(Path file, Writer writer) throws IOException {
    Path target = resolveLinks(file.toAbsolutePath());
    if (Files.exists(target) && !Files.isRegularFile(target)) {
      // A device or a FIFO: renaming over it would replace it (as root, /dev/null itself).
      try (OutputStream out =
          new BufferedOutputStream(Files.newOutputStream(target, StandardOpenOption.WRITE))) {
        writer.write(out);
      }
      return;
    }
    Path dir = target.getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp", newFile(target));
    try {
      keepPermissions(target, tmp);
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
        writer.write(out);
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Checks before a run that {@code file} can be written: its folder exists or can be made and is
   * writable, and the file, if it exists, is writable. Creates nothing but the folders.
   *
   * @throws IOException saying why not
   */
  public static void checkWritable(Path file) throws IOException {
    Path target = resolveLinks(file.toAbsolutePath());
    if (Files.isDirectory(target)) {
      throw new FileSystemException(target.toString(), null, "is a directory");
    }
    if (Files.exists(target)) {
      if (!Files.isWritable(target)) {
        throw new FileSystemException(target.toString(), null, "not writable");
      }
      return;
    }
    Path dir = target.getParent();
    if (dir == null) {
      return;
    }
    Files.createDirectories(dir);
    if (!Files.isWritable(dir)) {
      throw new FileSystemException(dir.toString(), null, "the folder is not writable");
    }
  }

  /** The file a chain of symbolic links ends at (which may not exist yet). */
  private static Path resolveLinks(Path path) throws IOException {
    Path p = path;
    for (int hops = 0; Files.isSymbolicLink(p); hops++) {
      if (hops > 40) {
        throw new FileSystemException(path.toString(), null, "too many levels of symbolic links");
      }
      Path link = Files.readSymbolicLink(p);
      p = p.resolveSibling(link).normalize();
    }
    return p;
  }

  /**
   * A new file's permissions: read-write for all, less the umask (the kernel applies it when the
   * file is created), as any program's output; none on a file system without POSIX permissions.
   */
  private static FileAttribute<?>[] newFile(Path target) {
    if (!target.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[0];
    }
    return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(READ_WRITE_ALL)};
  }

  /** A file that is replaced keeps its permissions. */
  private static void keepPermissions(Path target, Path tmp) throws IOException {
    if (target.getFileSystem().supportedFileAttributeViews().contains("posix")
        && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
    }
  }
}
