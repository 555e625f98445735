package vn.qcdc.api.paging;

import java.util.List;

/** One page of a list: the items and, when more follow, the opaque cursor of the next page. */
public record Page<T>(List<T> items, String nextCursor, int limit) {
}
