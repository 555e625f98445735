package vn.qcdc.inspection.inspection;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The field of grassroots democracy a finding or a recommendation is about (lĩnh vực). */
@Schema(name = "Area")
public enum Area {
    /** Phổ biến, tuyên truyền pháp luật. */
    LAW_DISSEMINATION,
    /** Công khai, niêm yết và các hình thức công khai (Law 10/2022 Art. 11-12). */
    PUBLIC_DISCLOSURE,
    /** Đối thoại, tiếp công dân. */
    DIALOGUE_AND_CITIZEN_RECEPTION,
    /** Giải quyết đơn thư, kiến nghị. */
    PETITIONS,
    /** Ban Thanh tra nhân dân, Ban giám sát đầu tư của cộng đồng. */
    PEOPLES_SUPERVISION_BOARDS,
    /** Mô hình "Dân vận khéo". */
    DAN_VAN_KHEO_MODELS,
    /** Xây dựng kế hoạch, báo cáo và nội dung khác. */
    OTHER
}
