/**
 * Who may do what on which unit, written once for the whole suite: each service lists its operations as data (an
 * enum implementing {@link vn.qcdc.api.access.Operation}: endpoint, and for each role the {@link
 * vn.qcdc.api.access.Relation} the caller's unit must have to the record), and {@link vn.qcdc.api.access.Access}
 * decides every request from that table. The same table drives each service's authorization test and the table of
 * its README, so the three cannot drift apart.
 */
package vn.qcdc.api.access;
