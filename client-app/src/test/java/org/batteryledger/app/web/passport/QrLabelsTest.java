package org.batteryledger.app.web.passport;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.common.BitMatrix;
import org.junit.jupiter.api.Test;

class QrLabelsTest {
    private final QrLabels labels = new QrLabels();
    private static final String URL = "https://ledger.example/passport/NP1PEA1WEBTESTG317000001";

    @Test
    void the_png_is_scale_pixels_a_module_with_the_quiet_zone() {
        BitMatrix m = labels.matrix(URL);

        byte[] png = labels.png(URL, 5);

        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(m.get(0, 0)).as("quiet zone is white").isFalse();
        assertThat(m.get(4, 4)).as("finder pattern starts after four modules").isTrue();
    }

    @Test
    void the_svg_draws_one_square_per_dark_module_and_prints_the_escaped_caption() {
        BitMatrix m = labels.matrix(URL);
        int dark = 0;
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                dark += m.get(x, y) ? 1 : 0;
            }
        }

        String svg = labels.svg(URL, "A<B&C");

        assertThat(svg.split("h1v1h-1z", -1)).hasSize(dark + 1);
        assertThat(svg).contains(">A&lt;B&amp;C</text>").startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"");
    }
}
