package bench.minimal;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** One JSON endpoint: the work a service does before its own code runs. */
@Path("/hello")
public class Hello {

    @GET
    public Map<String, String> hello() {
        return Map.of("hello", "xin chào");
    }
}
