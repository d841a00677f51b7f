package io.inlet.node;

import io.inlet.node.http.AdminToken;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The node's data directory: the auth role's key store and the admin token's hash. Opened on the
 * main thread before Vert.x starts, so its small blocking file work never touches an event loop.
 */
public final class DataDir {

  static final String ADMIN_TOKEN_FILE = "admin-token.sha256";

  private final Path path;
  private final boolean firstStart;
  private final AdminToken adminToken;
  /** The generated token's text, kept only to print it once on the first start. */
  private final String generatedToken;

  private DataDir(Path path, boolean firstStart, AdminToken adminToken, String generatedToken) {
    this.path = path;
    this.firstStart = firstStart;
    this.adminToken = adminToken;
    this.generatedToken = generatedToken;
  }

  /**
   * Creates the directory when missing and checks it is usable. On the first start (no admin token
   * hash yet) with {@code createToken}, a token is generated unless {@code givenToken} is set, and
   * its hash is stored atomically.
   */
  public static DataDir open(Path path, boolean createToken, String givenToken) {
    try {
      Files.createDirectories(path);
    } catch (IOException | SecurityException e) {
      throw new UsageException("--data-dir " + path + " is not usable: cannot create it (" + e.getClass().getSimpleName() + ")");
    }
    if (!Files.isDirectory(path) || !Files.isWritable(path)) {
      throw new UsageException("--data-dir " + path + " is not usable: not a writable directory");
    }
    Path tokenFile = path.resolve(ADMIN_TOKEN_FILE);
    try {
      if (Files.exists(tokenFile)) {
        String hex = Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
        AdminToken stored = givenToken != null ? AdminToken.ofToken(givenToken) : AdminToken.ofHashHex(hex);
        return new DataDir(path, false, stored, null);
      }
      if (!createToken) {
        return new DataDir(path, false, givenToken != null ? AdminToken.ofToken(givenToken) : AdminToken.none(), null);
      }
      String token = givenToken != null ? givenToken : AdminToken.generate();
      AdminToken adminToken = AdminToken.ofToken(token);
      writeAtomically(tokenFile, adminToken.hashHex() + "\n");
      return new DataDir(path, true, adminToken, givenToken != null ? null : token);
    } catch (IOException e) {
      throw new UsageException("--data-dir " + path + " is not usable: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new UsageException(tokenFile + " is corrupt: it should hold one SHA-256 hash in hex");
    }
  }

  public Path path() {
    return path;
  }

  public boolean firstStart() {
    return firstStart;
  }

  public AdminToken adminToken() {
    return adminToken;
  }

  /** The token generated on this first start, or null (not a first start, or the token was given). */
  public String generatedToken() {
    return generatedToken;
  }

  private static void writeAtomically(Path target, String content) throws IOException {
    Path temp = target.resolveSibling(target.getFileName() + ".tmp");
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      channel.write(java.nio.ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
      channel.force(true);
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
