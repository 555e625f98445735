package bench.extensions;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** One endpoint behind a bearer token, read through Hibernate ORM. */
@Path("/items")
public class Items {

    @GET
    @RolesAllowed("**")
    public List<Item> list() {
        return Item.listAll();
    }
}
