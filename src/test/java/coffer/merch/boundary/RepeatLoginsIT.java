package coffer.merch.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.testing.Api.Reply;
import coffer.testing.RunningCoffer;
import coffer.testing.Scrape;
import coffer.testing.Shoppers;
import org.junit.jupiter.api.Test;

/**
 * Logins over HTTP, counted by the server's bcrypt counter: a repeat login with the password bcrypt
 * accepted is answered from the credential cache without a hash; any other password is hashed.
 */
class RepeatLoginsIT extends RunningCoffer {

    private static final String HASHES = "coffer_merch_password_hashes_total";

    @Test
    void aRepeatLoginWithTheSamePasswordIsAnsweredWithoutAHash() {
        Shoppers shop = new Shoppers(api);
        String alice = Shoppers.unique("alice");
        double before = hashes();

        String first = shop.tokenOf(alice);
        double registered = hashes();
        Reply again = shop.auth(alice, Shoppers.PASSWORD);
        Reply third = shop.auth(alice, Shoppers.PASSWORD);

        assertThat(registered - before).as("the registration's hash").isEqualTo(1);
        assertThat(again.status()).isEqualTo(200);
        assertThat(third.status()).isEqualTo(200);
        assertThat(shop.coins(third.json().getString("token"))).isEqualTo(shop.coins(first));
        assertThat(hashes()).as("no hash for the repeat logins").isEqualTo(registered);
        assertThat(cacheGets("hit")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aWrongPasswordIsAlwaysHashedAndRefused() {
        Shoppers shop = new Shoppers(api);
        String bob = Shoppers.unique("bob");
        shop.tokenOf(bob);
        double registered = hashes();

        Reply wrong = shop.auth(bob, "not-the-password");
        Reply wrongAgain = shop.auth(bob, "not-the-password");

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrongAgain.status()).isEqualTo(401);
        assertThat(hashes() - registered).as("a hash for each wrong password").isEqualTo(2);
        assertThat(shop.auth(bob, Shoppers.PASSWORD).status()).isEqualTo(200);
        assertThat(hashes() - registered).as("the right one is still remembered").isEqualTo(2);
    }

    private double hashes() {
        return scrape().value(HASHES);
    }

    private double cacheGets(String result) {
        return scrape().value("cache_gets_total", "cache", "merch.credentials", "result", result);
    }

    private Scrape scrape() {
        return Scrape.of(api);
    }
}
