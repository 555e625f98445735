package vn.qcdc.api.time;

import java.time.Clock;
import java.time.OffsetDateTime;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import vn.qcdc.api.problem.ProblemException;
import vn.qcdc.api.security.Roles;

/** Reads the service's clock; moves it only where the clock is adjustable (test and demo environments). */
@Path("/api/v1/admin/clock")
@Tag(name = "Administration")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class ClockResource {

    public record ClockView(OffsetDateTime now, boolean adjustable, long offsetSeconds) {
    }

    public record SetClock(@NotNull OffsetDateTime now) {
    }

    @Inject
    Clock clock;

    @GET
    @Operation(operationId = "getClock", summary = "The service's clock: current time and offset")
    public ClockView get() {
        return view();
    }

    @PUT
    @Operation(operationId = "setClock", summary = "Move the clock (only where qcdc.clock.adjustable=true; never in production)")
    public ClockView set(@NotNull @Valid SetClock body) {
        adjustable().set(body.now().toInstant());
        return view();
    }

    @DELETE
    @Operation(operationId = "resetClock", summary = "Put the clock back to real time")
    public ClockView reset() {
        adjustable().reset();
        return view();
    }

    private AdjustableClock adjustable() {
        if (clock instanceof AdjustableClock a) {
            return a;
        }
        throw new ProblemException(409, "clock-not-adjustable");
    }

    private ClockView view() {
        long offset = clock instanceof AdjustableClock a ? a.offset().toSeconds() : 0;
        return new ClockView(OffsetDateTime.now(clock), clock instanceof AdjustableClock, offset);
    }
}
