package coffer.testing;

import coffer.Roles;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An identity provider for tests and the local sandbox: an RSA key pair kept as PEM files in a
 * directory (made on first use, then reused, so a server started earlier still knows the key), and
 * the tokens it signs (RS256, its issuer, audience {@value #AUDIENCE}). Servers are told its public
 * key through {@link #environment()}, as production is told its identity provider's.
 *
 * <p>{@link #forTests()} is the test tree's one identity (in {@code target/test-identity}), and
 * {@link #caller()} the token every test client sends by default: every role, so tests that are not
 * about access read as before.
 */
public final class Identity {

    public static final String AUDIENCE = "coffer";
    public static final String TEST_ISSUER = "https://identity.coffer.test";
    private static final String PRIVATE = "private.pem";
    private static final String PUBLIC = "public.pem";

    private static Identity tests;
    private static String caller;

    private final Path directory;
    private final String issuer;
    private final JWSSigner signer;

    private Identity(Path directory, String issuer, PrivateKey key) {
        this.directory = directory;
        this.issuer = issuer;
        this.signer = new RSASSASigner(key);
    }

    /** The tests' identity provider, in {@code target/test-identity}. */
    public static synchronized Identity forTests() {
        if (tests == null) {
            tests = at(Path.of("target", "test-identity"), TEST_ISSUER);
        }
        return tests;
    }

    /** A token of the tests' identity provider with every role, valid for a day. */
    public static synchronized String caller() {
        if (caller == null) {
            caller = forTests().token("test-client", Roles.ALL.toArray(String[]::new));
        }
        return caller;
    }

    /** The identity provider whose key pair is in that directory, made there if missing. */
    public static Identity at(Path directory, String issuer) {
        try {
            Path privateKey = directory.resolve(PRIVATE);
            if (!Files.exists(privateKey)) {
                generate(directory.toAbsolutePath());
            }
            String base64 =
                    Files.readString(privateKey)
                            .replaceAll("-----[A-Z ]+-----", "")
                            .replaceAll("\\s", "");
            PrivateKey key =
                    KeyFactory.getInstance("RSA")
                            .generatePrivate(
                                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            return new Identity(directory.toAbsolutePath(), issuer, key);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (GeneralSecurityException failed) {
            throw new IllegalStateException(failed);
        }
    }

    public Path publicKey() {
        return directory.resolve(PUBLIC);
    }

    public Path privateKey() {
        return directory.resolve(PRIVATE);
    }

    public String issuer() {
        return issuer;
    }

    /** What a server needs to verify this provider's tokens, as environment variables. */
    public Map<String, String> environment() {
        return Map.of(
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKey().toString(),
                "MP_JWT_VERIFY_ISSUER", issuer,
                "MP_JWT_VERIFY_AUDIENCES", AUDIENCE);
    }

    /** A token for that caller with those groups, valid for a day. */
    public String token(String subject, String... groups) {
        return sign(claims(subject, groups).build());
    }

    /** The claims of a valid token, to change one of them. */
    public JWTClaimsSet.Builder claims(String subject, String... groups) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(AUDIENCE)
                .subject(subject)
                .claim("upn", subject)
                .claim("groups", List.of(groups))
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofDays(1))));
    }

    /** Those claims, signed RS256 with this provider's key. */
    public String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException failed) {
            throw new IllegalStateException(failed);
        }
        return jwt.serialize();
    }

    private static void generate(Path directory) throws IOException, GeneralSecurityException {
        Files.createDirectories(directory);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        // The public key first: a private key on disk means the pair is complete.
        write(directory.resolve(PUBLIC), "PUBLIC KEY", pair.getPublic().getEncoded());
        write(directory.resolve(PRIVATE), "PRIVATE KEY", pair.getPrivate().getEncoded());
    }

    private static void write(Path file, String kind, byte[] der) throws IOException {
        String pem =
                "-----BEGIN "
                        + kind
                        + "-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                        + "\n-----END "
                        + kind
                        + "-----\n";
        Path temporary =
                Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        Files.writeString(temporary, pem);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    }
}
