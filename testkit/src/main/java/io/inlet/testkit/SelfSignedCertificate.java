package io.inlet.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate and its key, made with the {@code openssl} executable (bin/test installs
 * it), for tests that serve TLS: RTMPS, HTTPS webhooks. Being self-signed, the certificate is its
 * own CA: a client trusts it by trusting {@link #certificate()}.
 *
 * @param certificate the PEM certificate
 * @param key the PEM private key
 */
public record SelfSignedCertificate(Path certificate, Path key) {

  /**
   * Makes one in {@code dir} for the common name {@code commonName} and the subject alternative names
   * {@code san} (as openssl writes them: {@code DNS:localhost,IP:127.0.0.1}), valid for a day.
   */
  public static SelfSignedCertificate create(Path dir, String commonName, String san) throws IOException, InterruptedException {
    Path certificate = dir.resolve(commonName + "-cert.pem");
    Path key = dir.resolve(commonName + "-key.pem");
    Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
        "-subj", "/CN=" + commonName, "-addext", "subjectAltName=" + san, "-keyout", key.toString(),
        "-out", certificate.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve(commonName + "-openssl.log").toFile()).start();
    if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
      openssl.destroyForcibly();
      throw new IOException("openssl could not make a self-signed certificate; see " + dir.resolve(commonName + "-openssl.log"));
    }
    return new SelfSignedCertificate(certificate, key);
  }
}
