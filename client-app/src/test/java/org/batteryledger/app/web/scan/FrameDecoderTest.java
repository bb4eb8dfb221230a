package org.batteryledger.app.web.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.datamatrix.DataMatrixWriter;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.batteryledger.app.api.ApiException;
import org.batteryledger.app.web.passport.QrLabels;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {
    private static final String CODE = "NP1PEA1WEBTESTG317000001";
    private final FrameDecoder decoder = new FrameDecoder();

    /** The label as a camera sees it: smaller than the page, off-centre, on a grey background. */
    private static byte[] photo(BufferedImage label) throws IOException {
        BufferedImage frame = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        g.setColor(new Color(0x9a, 0x9a, 0x9a));
        g.fillRect(0, 0, 640, 480);
        g.drawImage(label, 200, 90, 260, 260, null);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(frame, "jpg", out);
        return out.toByteArray();
    }

    @Test
    void reads_the_passport_url_from_a_photo_of_our_own_qr_label() throws IOException {
        String url = "http://127.0.0.1:8080/passport/" + CODE;
        BufferedImage label = ImageIO.read(new java.io.ByteArrayInputStream(new QrLabels().png(url, 6)));

        var decoded = decoder.decode(photo(label));

        assertThat(decoded).hasValueSatisfying(d -> {
            assertThat(d.text()).isEqualTo(url);
            assertThat(d.format()).isEqualTo("QR_CODE");
        });
    }

    @Test
    void reads_a_data_matrix_label() throws IOException {
        BitMatrix m = new DataMatrixWriter().encode(CODE, BarcodeFormat.DATA_MATRIX, 200, 200);

        var decoded = decoder.decode(photo(MatrixToImageWriter.toBufferedImage(m)));

        assertThat(decoded).hasValueSatisfying(d -> assertThat(d.text()).isEqualTo(CODE));
    }

    @Test
    void a_frame_without_a_label_finds_nothing() throws IOException {
        assertThat(decoder.decode(photo(new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB)))).isEmpty();
    }

    @Test
    void bytes_that_are_no_image_are_refused_naming_the_field() {
        assertThatThrownBy(() -> decoder.decode("not an image".getBytes()))
                .isInstanceOf(ApiException.class).hasMessageContaining("frame");
    }
}
