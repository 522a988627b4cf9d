package org.spinecds.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinecds.InvalidPatientException;
import org.spinecds.patient.Diagnosis;
import org.spinecds.patient.Patient;

/**
 * Text that is not Unicode is invalid input: bytes that are not UTF-8 (another encoding), and strings
 * whose JSON escapes spell an unpaired surrogate; the errors name the field and show no content.
 */
class PatientJsonEncodingTest {

    private static final String PATIENT = "{\"patientId\": \"P-1\", \"age\": 50, \"diagnoses\": [\"HERNIATED_DISC\"]}";

    private static Patient read(byte[] bytes) throws Exception {
        return PatientJson.read(new ByteArrayInputStream(bytes));
    }

    @Test
    void utf16WithOrWithoutItsByteOrderMarkIsRefusedAsNotUtf8() {
        for (byte[] bytes : new byte[][] {PATIENT.getBytes(StandardCharsets.UTF_16), // big-endian with a BOM
                PATIENT.getBytes(StandardCharsets.UTF_16LE), PATIENT.getBytes(StandardCharsets.UTF_16BE),
                ("\uFEFF" + PATIENT).getBytes(StandardCharsets.UTF_16LE),
                PATIENT.getBytes(java.nio.charset.Charset.forName("UTF-32"))}) {
            assertThatThrownBy(() -> read(bytes)).isInstanceOf(InvalidPatientException.class)
                    .hasMessageStartingWith("$: not UTF-8 text");
        }
    }

    @Test
    void latin1IsRefusedWithTheOffsetOfTheFirstBadByteAndNoContent() {
        byte[] latin1 = "{\"patientId\": \"M\u00fcller\", \"age\": 50}".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> read(latin1)).isInstanceOf(InvalidPatientException.class)
                .hasMessage("$: not UTF-8 text: an invalid byte sequence at byte offset 16");
        // an overlong form, an encoded surrogate, a truncated sequence
        for (byte[] bad : new byte[][] {{'{', (byte) 0xC0, (byte) 0xAF, '}'}, {'{', (byte) 0xED, (byte) 0xA0,
                (byte) 0x80, '}'}, {'{', '"', (byte) 0xE2, (byte) 0x82}}) {
            assertThatThrownBy(() -> PatientJson.read(bad, 0, bad.length)).isInstanceOf(InvalidPatientException.class)
                    .hasMessageContaining("not UTF-8 text").hasMessageContaining("byte offset");
        }
    }

    @Test
    void utf8WithOrWithoutAByteOrderMarkIsRead() throws Exception {
        byte[] plain = PATIENT.getBytes(StandardCharsets.UTF_8);
        byte[] bom = ("\uFEFF" + PATIENT).getBytes(StandardCharsets.UTF_8);
        byte[] multibyte = "{\"patientId\": \"M\u00fcller-\uD83D\uDE00\", \"age\": 50}".getBytes(StandardCharsets.UTF_8);

        assertThat(read(plain).getDiagnoses()).containsExactly(Diagnosis.HERNIATED_DISC);
        assertThat(read(bom)).isEqualTo(read(plain));
        assertThat(read(multibyte).getPatientId()).isEqualTo("M\u00fcller-\uD83D\uDE00");
        assertThat(PatientJson.read(plain, 0, plain.length)).isEqualTo(read(plain));
    }

    @Test
    void anEscapedUnpairedSurrogateIsRefusedNamingTheFieldInAValueAKeyOrThePatientId() {
        assertThatThrownBy(() -> PatientJson.read("{\"diagnoses\": [\"HERNIATED_DISC\", \"\\ud800\"]}"))
                .isInstanceOf(InvalidPatientException.class)
                .hasMessage("diagnoses[1]: not valid Unicode text (it holds an unpaired surrogate)");
        assertThatThrownBy(() -> PatientJson.read("{\"sex\": \"MALE\\udc00\"}"))
                .isInstanceOf(InvalidPatientException.class).hasMessageStartingWith("sex: not valid Unicode");
        assertThatThrownBy(() -> PatientJson.read("{\"patientId\": \"MRN-4711\\ud800\", \"age\": 50}"))
                .isInstanceOf(InvalidPatientException.class)
                .hasMessage("patientId: not valid Unicode text (it holds an unpaired surrogate)")
                .hasMessageNotContaining("4711");
        InvalidPatientException key = org.assertj.core.api.Assertions.catchThrowableOfType(InvalidPatientException.class,
                () -> PatientJson.read("{\"age\\ud800\": 50}"));
        assertThat(key.field()).isEqualTo("\"age\\ud800\"");
        assertThat(key.getMessage()).contains("the field name is not valid Unicode");
        assertThat(PatientJson.isUnicode(key.getMessage())).isTrue();
        // the same from bytes, as batch reads a line
        byte[] bytes = "{\"diagnoses\": [\"\\ud800\"]}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> PatientJson.read(bytes, 0, bytes.length)).hasMessageStartingWith("diagnoses[0]: ");
    }

    @Test
    void anEscapedSurrogatePairIsText() {
        assertThat(PatientJson.read("{\"patientId\": \"\\ud83d\\ude00\"}").getPatientId()).isEqualTo("\uD83D\uDE00");
    }

    @Test
    void aMissingFileOrADirectoryIsAnIoErrorNamingThePath(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.json");

        assertThatThrownBy(() -> PatientJson.read(missing)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> PatientJson.read(dir)).isInstanceOf(FileSystemException.class)
                .hasMessageContaining(dir.toString()).hasMessageContaining("is a directory");
        Path utf16 = Files.write(dir.resolve("utf16.json"), PATIENT.getBytes(StandardCharsets.UTF_16LE));
        assertThatThrownBy(() -> PatientJson.read(utf16)).isInstanceOf(InvalidPatientException.class)
                .hasMessageStartingWith("$: not UTF-8 text");
    }
}
