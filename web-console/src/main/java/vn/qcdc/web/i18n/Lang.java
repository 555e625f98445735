package vn.qcdc.web.i18n;

/** The languages of the pages: Vietnamese by default, English on request. */
public enum Lang {
    VI("vi"), EN("en");

    public final String code;

    Lang(String code) {
        this.code = code;
    }

    /** The language of a cookie or query value; anything unknown is Vietnamese, the default. */
    public static Lang of(String value) {
        return "en".equalsIgnoreCase(value) ? EN : VI;
    }

    public Lang other() {
        return this == VI ? EN : VI;
    }
}
