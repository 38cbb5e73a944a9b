package coffer.merch.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.testing.Api.Reply;
import coffer.testing.BooksInvariant;
import coffer.testing.Database;
import coffer.testing.RunningCoffer;
import coffer.testing.Shoppers;
import coffer.testing.TestDatabaseSession;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The merch shop's wire contract, end to end over HTTP on real PostgreSQL. */
class MerchApiIT extends RunningCoffer {

    private final Database database = TestDatabaseSession.database();
    private Shoppers shop;

    @BeforeEach
    void openShop() {
        shop = new Shoppers(api);
    }

    @AfterEach
    void booksAddUp() {
        BooksInvariant.assertHolds(database);
    }

    @Test
    void firstLoginRegistersTheEmployeeWithAThousandCoins() {
        String alice = Shoppers.unique("alice");

        Reply login = shop.auth(alice, Shoppers.PASSWORD);

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.contentType()).startsWith("application/json");
        Reply info = shop.info(login.json().getString("token"));
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.contentType()).startsWith("application/json");
        assertThat(info.json().toString())
                .isEqualTo(
                        "{\"coins\":1000,\"inventory\":[],\"coinHistory\":{\"received\":[],\"sent\":[]}}");
        long userId = userIdOf(alice);
        assertThat(
                        database.queryLong(
                                "SELECT count(*) FROM ledger_entries WHERE user_id = ?"
                                        + " AND kind = 'OPENING' AND amount = 1000",
                                userId))
                .isEqualTo(1);
        assertThat(
                        database.queryLong(
                                "SELECT count(*) FROM employees WHERE username = ?"
                                        + " AND password_hash LIKE '$2b$%' AND password_hash <> ?",
                                alice, Shoppers.PASSWORD))
                .isEqualTo(1);
    }

    @Test
    void laterLoginsCheckThePassword() {
        String bob = Shoppers.unique("bob");
        String first = shop.tokenOf(bob);

        Reply again = shop.auth(bob, Shoppers.PASSWORD);
        Reply wrong = shop.auth(bob, "not-the-password");

        assertThat(again.status()).isEqualTo(200);
        assertThat(shop.coins(again.json().getString("token"))).isEqualTo(1000);
        assertThat(shop.coins(first)).isEqualTo(1000);
        assertMerchProblem(
                wrong,
                401,
                "wrong-password",
                "wrong password for this username; nothing was changed");
        assertThat(
                        database.queryLong(
                                "SELECT count(*) FROM ledger_entries e JOIN employees m"
                                        + " ON m.user_id = e.user_id WHERE m.username = ?",
                                bob))
                .isEqualTo(1);
    }

    @Test
    void credentialsThatBreakTheRulesAreRefusedWithWhatToFix() {
        String name = Shoppers.unique("carol");
        String usernameRule =
                "username must be a string of 1 to 64 visible characters of one script (no"
                        + " spaces)";
        String passwordRule =
                "password must be a string of at least 8 characters and at most 72 bytes in UTF-8.";
        assertInvalid("{\"username\": \"" + name + "\"}", "password is required.");
        assertInvalid("{\"password\": \"long-enough\"}", "username is required.");
        assertInvalid("{\"username\": \"\", \"password\": \"long-enough\"}", usernameRule + ".");
        assertInvalid(
                "{\"username\": 7, \"password\": \"long-enough\"}",
                usernameRule + ", not a number.");
        assertInvalid(
                "{\"username\": \"two words\", \"password\": \"long-enough\"}", usernameRule + ".");
        assertInvalid(
                "{\"username\": \"" + "u".repeat(65) + "\", \"password\": \"long-enough\"}",
                usernameRule + ".");
        assertInvalid(
                "{\"username\": \"\u0430" + name + "\", \"password\": \"long-enough\"}",
                usernameRule + ".");
        assertInvalid(
                "{\"username\": \"" + name + "\", \"password\": \"" + "p".repeat(73) + "\"}",
                passwordRule);
        assertInvalid("{\"username\": \"" + name + "\", \"password\": \"seven-7\"}", passwordRule);
        assertThat(database.queryLong("SELECT count(*) FROM employees WHERE username = ?", name))
                .isZero();

        String longestName =
                "ё".repeat(56) + Shoppers.unique("x").substring(2, 10).replaceAll("[a-f]", "7");
        assertThat(shop.auth(longestName, "p".repeat(72)).status()).isEqualTo(200);
    }

    @Test
    void aUsernameIsTheSameNameHoweverItsAccentsAreEncoded() {
        String composed = Shoppers.unique("jos\u00e9");
        String decomposed = composed.replace("\u00e9", "e\u0301");
        String token = shop.tokenOf(composed);

        assertThat(shop.auth(decomposed, Shoppers.PASSWORD).status()).isEqualTo(200);
        assertThat(shop.auth(decomposed, "not-the-password").status()).isEqualTo(401);
        assertThat(shop.coins(token)).isEqualTo(1000);
        assertThat(
                        database.queryLong(
                                "SELECT count(*) FROM employees WHERE username = ?", composed))
                .isEqualTo(1);
        assertThat(
                        database.queryLong(
                                "SELECT count(*) FROM employees WHERE username = ?", decomposed))
                .isZero();
    }

    @Test
    void routesRefuseRequestsWithoutAValidToken() throws Exception {
        String dave = Shoppers.unique("dave");
        String token = shop.tokenOf(dave);
        long userId = userIdOf(dave);
        String[] parts = token.split("\\.");
        String otherPayload =
                Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(
                                ("{\"iss\":\"coffer-merch\",\"sub\":\"admin\",\"uid\":1,\"iat\":1,"
                                                + "\"exp\":99999999999}")
                                        .getBytes());
        String noneHeader =
                Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString("{\"alg\":\"none\"}".getBytes());

        assertUnauthorized(
                api.send(api.request("/api/info").GET()),
                "this route needs Authorization: Bearer <token>, the token from POST /api/auth");
        List<String> refused =
                List.of(
                        "not-a-token",
                        parts[0] + "." + otherPayload + "." + parts[2],
                        noneHeader + "." + parts[1] + ".",
                        noneHeader + "." + otherPayload + ".",
                        signed(JWSAlgorithm.HS256, dave, userId, Instant.now().minusSeconds(600)),
                        signed(JWSAlgorithm.HS512, dave, userId, Instant.now().plusSeconds(600)),
                        token.substring(0, token.length() - 2)
                                + (token.endsWith("AA") ? "BB" : "AA"));
        for (String bad : refused) {
            assertUnauthorized(
                    shop.info(bad),
                    "the bearer token is invalid or expired;"
                            + " get a new one from POST /api/auth");
            assertUnauthorized(
                    shop.send(bad, dave, 1),
                    "the bearer token is invalid or expired;"
                            + " get a new one from POST /api/auth");
            assertUnauthorized(
                    shop.buy(bad, "pen"),
                    "the bearer token is invalid or expired;"
                            + " get a new one from POST /api/auth");
        }
        assertThat(
                        shop.info(
                                        signed(
                                                JWSAlgorithm.HS256,
                                                dave,
                                                userId,
                                                Instant.now().plusSeconds(600)))
                                .status())
                .as(
                        "a token signed with the shop's key, to show the forged ones fail for"
                                + " their flaw alone")
                .isEqualTo(200);
        assertThat(shop.coins(token)).isEqualTo(1000);
    }

    @Test
    void buyingMerch() {
        String token = shop.tokenOf(Shoppers.unique("erin"));

        Reply tShirt = shop.buy(token, "t-shirt");
        Reply cupByPost =
                api.send(
                        shop.authorized("/api/buy/cup", token)
                                .POST(HttpRequest.BodyPublishers.noBody()));
        shop.buy(token, "cup");
        shop.buy(token, "cup");

        assertThat(tShirt.status()).isEqualTo(200);
        assertThat(tShirt.body()).isEmpty();
        assertThat(cupByPost.status()).isEqualTo(200);
        JsonObject info = shop.info(token).json();
        assertThat(info.getJsonNumber("coins").longValue()).isEqualTo(1000 - 80 - 3 * 20);
        assertThat(info.getJsonArray("inventory").toString())
                .isEqualTo(
                        "[{\"type\":\"cup\",\"quantity\":3},{\"type\":\"t-shirt\",\"quantity\":1}]");
    }

    @Test
    void purchasesTheCoinsDoNotCoverOrTheShopDoesNotSellChangeNothing() {
        String token = shop.tokenOf(Shoppers.unique("frank"));
        shop.buy(token, "pink-hoody");
        shop.buy(token, "hoody");

        Reply tooDear = shop.buy(token, "pink-hoody");
        Reply unknown = shop.buy(token, "car");
        Reply lastCoins = shop.buy(token, "powerbank");
        Reply nothingLeft = shop.buy(token, "socks");

        assertMerchProblem(
                tooDear, 400, "insufficient-funds", "not enough coins: 200 available, 500 needed");
        assertMerchProblem(
                unknown,
                400,
                "unknown-item",
                "the shop has no item 'car'; it sells"
                        + " t-shirt, cup, book, pen, powerbank, hoody, umbrella, socks, wallet,"
                        + " pink-hoody");
        assertThat(lastCoins.status()).isEqualTo(200);
        assertMerchProblem(
                nothingLeft, 400, "insufficient-funds", "not enough coins: 0 available, 10 needed");
        JsonObject info = shop.info(token).json();
        assertThat(info.getJsonNumber("coins").longValue()).isZero();
        assertThat(info.getJsonArray("inventory").toString())
                .isEqualTo(
                        "[{\"type\":\"hoody\",\"quantity\":1},{\"type\":\"pink-hoody\",\"quantity\":1},"
                                + "{\"type\":\"powerbank\",\"quantity\":1}]");
    }

    @Test
    void sendingCoins() {
        String alice = Shoppers.unique("alice");
        String bob = Shoppers.unique("bob");
        String aliceToken = shop.tokenOf(alice);
        String bobToken = shop.tokenOf(bob);

        Reply sent = shop.send(aliceToken, bob, 15);

        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.body()).isEmpty();
        assertThat(shop.info(aliceToken).json().toString())
                .isEqualTo(
                        "{\"coins\":985,"
                                + "\"inventory\":[],\"coinHistory\":{\"received\":[],\"sent\":[{\"toUser\":\""
                                + bob
                                + "\",\"amount\":15}]}}");
        assertThat(shop.info(bobToken).json().toString())
                .isEqualTo(
                        "{\"coins\":1015,"
                                + "\"inventory\":[],\"coinHistory\":{\"received\":[{\"fromUser\":\""
                                + alice
                                + "\",\"amount\":15}],\"sent\":[]}}");
        assertThat(
                        database.queryLong(
                                "SELECT count(*) FROM ledger_entries WHERE (user_id = ?"
                                        + " AND kind = 'TRANSFER_OUT' AND amount = -15) OR (user_id = ? AND kind ="
                                        + " 'TRANSFER_IN' AND amount = 15)",
                                userIdOf(alice),
                                userIdOf(bob)))
                .isEqualTo(2);
    }

    @Test
    void theHistoryIsGroupedByCounterpart() {
        String alice = Shoppers.unique("alice");
        String bob = Shoppers.unique("bob");
        String carol = Shoppers.unique("carol");
        String aliceToken = shop.tokenOf(alice);
        String bobToken = shop.tokenOf(bob);
        String carolToken = shop.tokenOf(carol);

        shop.send(aliceToken, bob, 10);
        shop.send(aliceToken, carol, 7);
        shop.send(aliceToken, bob, 5);
        shop.send(carolToken, alice, 20);
        shop.send(bobToken, alice, 1);
        shop.send(carolToken, alice, 2);

        JsonObject history = shop.info(aliceToken).json().getJsonObject("coinHistory");
        assertThat(history.getJsonArray("sent").toString())
                .isEqualTo(
                        "[{\"toUser\":\""
                                + bob
                                + "\",\"amount\":15},{\"toUser\":\""
                                + carol
                                + "\",\"amount\":7}]");
        assertThat(history.getJsonArray("received").toString())
                .isEqualTo(
                        "[{\"fromUser\":\""
                                + bob
                                + "\",\"amount\":1},{\"fromUser\":\""
                                + carol
                                + "\",\"amount\":22}]");
        assertThat(shop.coins(aliceToken)).isEqualTo(1000 - 22 + 23);
    }

    @Test
    void refusedTransfersChangeNothing() {
        String grace = Shoppers.unique("grace");
        String heidi = Shoppers.unique("heidi");
        String token = shop.tokenOf(grace);
        shop.tokenOf(heidi);
        String nobody = Shoppers.unique("nobody");

        assertMerchProblem(
                shop.send(token, grace, 1),
                400,
                "self-transfer",
                "you cannot send coins to yourself: toUser must be another employee");
        assertMerchProblem(
                shop.send(token, nobody, 1),
                400,
                "unknown-recipient",
                "no employee is called '"
                        + nobody
                        + "': toUser must be the username of an"
                        + " employee who has logged in once");
        assertMerchProblem(
                shop.send(token, heidi, 1001),
                400,
                "insufficient-funds",
                "not enough coins: 1000 available, 1001 needed");
        for (String amount : List.of("0", "-5", "\"5\"", "1.5", "null")) {
            Reply reply =
                    api.send(
                            shop.authorized("/api/sendCoin", token)
                                    .header("Content-Type", "application/json")
                                    .POST(
                                            HttpRequest.BodyPublishers.ofString(
                                                    "{\"toUser\": \""
                                                            + heidi
                                                            + "\", \"amount\": "
                                                            + amount
                                                            + "}")));
            assertThat(reply.status()).as(amount).isEqualTo(400);
            assertThat(reply.json().getString("errors"))
                    .as(amount)
                    .startsWith("amount must be a positive whole number of coins");
        }
        assertThat(shop.coins(token)).isEqualTo(1000);
        assertThat(
                        database.queryLong(
                                "SELECT count(*) FROM ledger_entries WHERE user_id = ?",
                                userIdOf(grace)))
                .isEqualTo(1);
        assertThat(
                        database.queryLong(
                                "SELECT count(*) FROM transfer_totals WHERE from_user = ?",
                                userIdOf(grace)))
                .isZero();
    }

    @Test
    void aRetriedTransferOrPurchaseWithItsKeyIsAppliedOnce() {
        String ivan = Shoppers.unique("ivan");
        String judy = Shoppers.unique("judy");
        String token = shop.tokenOf(ivan);
        String judyToken = shop.tokenOf(judy);

        Reply first = shop.send(token, judy, 40, "thanks-1");
        Reply retry = shop.send(token, judy, 40, "thanks-1");
        Reply otherRequest = shop.send(token, judy, 41, "thanks-1");
        Reply bought = shop.buy(token, "book", "order-1");
        Reply boughtAgain = shop.buy(token, "book", "order-1");
        shop.buy(token, "pink-hoody");
        shop.buy(token, "powerbank");
        shop.buy(token, "powerbank");
        Reply refused = shop.buy(token, "umbrella", "order-2");
        shop.send(judyToken, ivan, 500);
        Reply refusedAgain = shop.buy(token, "umbrella", "order-2");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.replayed()).isFalse();
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.replayed()).isTrue();
        assertThat(retry.body()).isEmpty();
        assertThat(otherRequest.status()).isEqualTo(409);
        assertThat(otherRequest.json().getString("errors")).isNotBlank();
        assertThat(bought.status()).isEqualTo(200);
        assertThat(boughtAgain.status()).isEqualTo(200);
        assertThat(boughtAgain.replayed()).isTrue();
        assertMerchProblem(
                refused, 400, "insufficient-funds", "not enough coins: 10 available, 200 needed");
        assertMerchProblem(
                refusedAgain,
                400,
                "insufficient-funds",
                "not enough coins: 10 available, 200 needed");
        assertThat(refusedAgain.replayed()).isTrue();
        assertThat(shop.coins(judyToken)).isEqualTo(1040 - 500);
        assertThat(shop.coins(token)).isEqualTo(1000 - 40 - 50 - 500 - 2 * 200 + 500);
        assertThat(shop.info(token).json().getJsonArray("inventory").toString())
                .isEqualTo(
                        "[{\"type\":\"book\",\"quantity\":1},{\"type\":\"pink-hoody\",\"quantity\":1},"
                                + "{\"type\":\"powerbank\",\"quantity\":2}]");
    }

    @Test
    void repeatedWrongPasswordsAreSlowedDown() {
        String mallory = Shoppers.unique("mallory");
        shop.tokenOf(mallory);

        for (int i = 0; i < 5; i++) {
            assertThat(shop.auth(mallory, "wrong-guess-" + i).status()).isEqualTo(401);
        }
        Reply slowed = shop.auth(mallory, "wrong-guess-5");
        Reply rightButSlowed = shop.auth(mallory, Shoppers.PASSWORD);

        assertThat(slowed.status()).isEqualTo(429);
        assertThat(Integer.parseInt(slowed.retryAfter())).isBetween(1, 60);
        assertThat(slowed.json().getString("errors"))
                .startsWith(
                        "too many wrong passwords for this username from your address; try again"
                                + " in ");
        assertThat(rightButSlowed.status()).isEqualTo(429);
        assertThat(shop.auth(Shoppers.unique("other"), Shoppers.PASSWORD).status()).isEqualTo(200);
    }

    private void assertInvalid(String body, String detail) {
        Reply reply = api.post("/api/auth", body);
        assertMerchProblem(reply, 400, "invalid-request", detail);
    }

    private static void assertMerchProblem(Reply reply, int status, String type, String detail) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.problemType()).isEqualTo(type);
        assertThat(reply.json().getString("detail")).isEqualTo(detail);
        assertThat(reply.json().getString("errors")).isEqualTo(detail);
    }

    private static void assertUnauthorized(Reply reply, String detail) {
        assertMerchProblem(reply, 401, "unauthorized", detail);
    }

    private long userIdOf(String username) {
        return database.queryLong("SELECT user_id FROM employees WHERE username = ?", username);
    }

    /** A token signed with the server's own key, as only the server should sign. */
    private static String signed(
            JWSAlgorithm algorithm, String username, long userId, Instant expiry) throws Exception {
        byte[] key =
                Base64.getDecoder()
                        .decode(
                                Files.readString(
                                                Path.of(
                                                        System.getProperty(
                                                                "coffer.test.jwt.key-file")))
                                        .strip());
        byte[] longEnough =
                algorithm.equals(JWSAlgorithm.HS512) ? java.util.Arrays.copyOf(key, 64) : key;
        SignedJWT token =
                new SignedJWT(
                        new JWSHeader(algorithm),
                        new JWTClaimsSet.Builder()
                                .issuer("coffer-merch")
                                .subject(username)
                                .claim("uid", userId)
                                .issueTime(Date.from(expiry.minusSeconds(3600)))
                                .expirationTime(Date.from(expiry))
                                .build());
        token.sign(new MACSigner(longEnough));
        return token.serialize();
    }
}
