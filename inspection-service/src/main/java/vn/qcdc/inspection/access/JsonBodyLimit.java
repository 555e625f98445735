package vn.qcdc.inspection.access;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import vn.qcdc.api.problem.ProblemException;

/**
 * Keeps JSON requests at the suite's 1 MB limit although this service raises the HTTP limit to 11 MB for evidence
 * uploads: anything but multipart that announces a larger body is refused with 413 before it is read.
 */
public class JsonBodyLimit {

    public static final long MAX_JSON_BYTES = 1024 * 1024;

    @ServerRequestFilter(preMatching = true)
    public void limit(ContainerRequestContext ctx) {
        int length = ctx.getLength();
        MediaType type = ctx.getMediaType();
        boolean multipart = type != null && "multipart".equalsIgnoreCase(type.getType());
        if (!multipart && length > MAX_JSON_BYTES) {
            throw new ProblemException(413, "payload-too-large");
        }
    }
}
