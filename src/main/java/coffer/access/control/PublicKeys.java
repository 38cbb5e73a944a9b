package coffer.access.control;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Base64;

/**
 * Reads the identity provider's public key in the forms MicroProfile JWT accepts: a PEM public key
 * (RSA or EC, with or without its armour lines), one JWK, or a JWK set. Without BouncyCastle, which
 * Nimbus would need for its own PEM reader.
 */
final class PublicKeys {

    private PublicKeys() {}

    static JWKSet parse(String text) {
        String trimmed = text.strip();
        try {
            if (trimmed.startsWith("{")) {
                return trimmed.contains("\"keys\"")
                        ? JWKSet.parse(trimmed)
                        : new JWKSet(JWK.parse(trimmed));
            }
            return new JWKSet(jwk(x509(trimmed)));
        } catch (ParseException | GeneralSecurityException | IllegalArgumentException bad) {
            throw new IllegalStateException(
                    "The identity provider's public key is neither a PEM public key nor a JWK"
                            + " (set): "
                            + bad.getMessage(),
                    bad);
        }
    }

    private static PublicKey x509(String pem) throws GeneralSecurityException {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        X509EncodedKeySpec spec = new X509EncodedKeySpec(Base64.getDecoder().decode(base64));
        try {
            return KeyFactory.getInstance("RSA").generatePublic(spec);
        } catch (GeneralSecurityException notRsa) {
            return KeyFactory.getInstance("EC").generatePublic(spec);
        }
    }

    private static JWK jwk(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return new RSAKey.Builder(rsa).build();
        }
        ECPublicKey ec = (ECPublicKey) key;
        return new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec).build();
    }
}
