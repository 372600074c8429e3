package pro.dailydoco.core.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PagesTest {

    @Test
    void landingPageShowsEveryPlanWithItsPriceAndLimits() {
        given().accept("text/html").when().get("/")
                .then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("<html lang=\"en\">"))
                .body(containsString("<title>DailyDoco Pro"))
                .body(containsString("Free"), containsString("$0"))
                .body(containsString("Pro"), containsString("$29"))
                .body(containsString("Team"), containsString("$99"))
                .body(containsString("Enterprise"), containsString("$299"))
                .body(containsString("3,000 video minutes / month"))
                .body(containsString("500,000 API calls / month"));
    }

    @Test
    void htmxIsServedFromTheWebjarOnThisServer() {
        String page = given().accept("text/html").get("/").then().statusCode(200).extract().asString();
        String src = page.replaceAll("(?s).*<script src=\"([^\"]*htmx[^\"]*)\".*", "$1");
        org.junit.jupiter.api.Assertions.assertTrue(src.startsWith("/webjars/htmx.org/"), src);
        given().get(src).then().statusCode(200).body(containsString("htmx"));
    }

    @Test
    void unknownPageAnswersFriendlyHtml404() {
        given().accept("text/html").when().get("/no/such/page")
                .then().statusCode(404)
                .contentType(containsString("text/html"))
                .body(containsString("Page not found"))
                .body(not(containsString("Exception")));
    }

    @Test
    void unknownPageAnswersProblemJsonToJsonClients() {
        given().accept("application/json").when().get("/no/such/page")
                .then().statusCode(404)
                .contentType(containsString("application/problem+json"))
                .body("status", equalTo(404))
                .body("title", equalTo("Page not found"));
    }
}
