package vn.qcdc.units;

import java.time.LocalDate;

/**
 * One row of a reorganisation: from {@code effective} on, the unit {@code oldCode} (its version that ended the day
 * before) went, wholly or in part, into {@code newCode} (its version that began that day). A commune divided among
 * several new units has one row per receiving unit, each {@code partial}.
 *
 * @param basis the legal provision, e.g. "1683/NQ-UBTVQH15 Điều 1 khoản 90"
 */
public record Successor(String oldCode, String newCode, boolean whole, String basis, LocalDate effective) {
}
