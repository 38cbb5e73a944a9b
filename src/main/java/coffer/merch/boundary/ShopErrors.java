package coffer.merch.boundary;

import coffer.problems.boundary.Problems;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.io.StringReader;
import java.util.Map;

/**
 * Gives every problem of the shop's routes the member the shop's original clients read: {@code
 * errors}, a string, set to the problem's {@code detail}, beside RFC 9457's members. A list of
 * field errors some problems carry under that name gives way to it; the detail names the same
 * fields.
 */
@Provider
@MerchApi
public class ShopErrors implements ContainerResponseFilter {

    private static final JsonReaderFactory READER = Json.createReaderFactory(Map.of());

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MediaType type = response.getMediaType();
        if (response.getEntity() instanceof String document
                && type != null
                && Problems.MEDIA_TYPE.equals(type.getType() + "/" + type.getSubtype())) {
            response.setEntity(withErrors(document), response.getEntityAnnotations(), type);
        }
    }

    static String withErrors(String document) {
        JsonObject problem = READER.createReader(new StringReader(document)).readObject();
        if (problem.get("errors") instanceof JsonString) {
            return document;
        }
        JsonObjectBuilder body = Json.createObjectBuilder(problem);
        body.add("errors", problem.getString("detail", problem.getString("title", "")));
        return body.build().toString();
    }
}
