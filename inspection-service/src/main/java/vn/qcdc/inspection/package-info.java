/**
 * inspection-service: inspection delegations (Đoàn kiểm tra) of provincial steering committees for grassroots
 * democracy and "Dân vận khéo", their inspections of wards and communes, findings, evidence, conclusions and the
 * recommendations followed up to verification. One feature package per aggregate: {@code delegation}, …
 */
package vn.qcdc.inspection;
