package vn.qcdc.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.agroal.api.AgroalDataSource;

/** Test-only endpoint: echoes the verified token and proves the datasource points at the real PostgreSQL. */
@Path("/whoami")
public class WhoAmIResource {

    @Inject
    JsonWebToken jwt;

    @Inject
    AgroalDataSource dataSource;

    @GET
    @RolesAllowed({"admin", "steering", "unit-officer", "org-officer", "integration", "viewer"})
    @Produces(MediaType.TEXT_PLAIN)
    public String whoAmI() {
        return jwt.getName() + " " + jwt.getGroups() + " " + jwt.getClaim("unit_code");
    }

    @GET
    @Path("/db")
    @Produces(MediaType.TEXT_PLAIN)
    public String database() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_database()")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
