package dev.troupe.media;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Builds and reads the XMP packet. Hand-written rather than through Adobe XMPCore because the packet is a fixed
 * shape; reading uses the JDK's namespace-aware DOM so that packets written by other tools (other prefixes,
 * element instead of attribute form) are understood too.
 */
final class XmpPacket {

	static final String TRAINED_ALGORITHMIC_MEDIA = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";

	static final String IPTC_EXT_NS = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/";

	static final String TROUPE_NS = "https://troupe.dev/ns/xmp/1.0/";

	private static final String RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

	private XmpPacket() {
	}

	static byte[] build(ProvenanceInfo info) {
		String description = "AI-generated media (" + info.generator() + ")"
				+ (info.characterName() != null ? " for the character " + info.characterName() : "") + ".";
		StringBuilder xml = new StringBuilder(1024);
		// The BOM inside begin="" is what the XMP spec asks for; it tells packet scanners the encoding (UTF-8).
		xml.append("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
			.append("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n")
			.append(" <rdf:RDF xmlns:rdf=\"").append(RDF_NS).append("\">\n")
			.append("  <rdf:Description rdf:about=\"\"\n")
			.append("    xmlns:Iptc4xmpExt=\"").append(IPTC_EXT_NS).append("\"\n")
			.append("    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n")
			.append("    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n")
			.append("    xmlns:troupe=\"").append(TROUPE_NS).append("\"\n")
			.append("    Iptc4xmpExt:DigitalSourceType=\"").append(TRAINED_ALGORITHMIC_MEDIA).append("\"\n")
			.append("    xmp:CreatorTool=\"").append(escape(info.generator())).append("\"\n")
			.append("    xmp:CreateDate=\"").append(info.createdAt().truncatedTo(ChronoUnit.SECONDS)).append("\"");
		if (info.jobId() != null) {
			xml.append("\n    troupe:jobId=\"").append(escape(info.jobId())).append("\"");
		}
		xml.append(">\n");
		if (info.characterName() != null) {
			xml.append("   <dc:creator><rdf:Seq><rdf:li>").append(escape(info.characterName()))
				.append("</rdf:li></rdf:Seq></dc:creator>\n");
		}
		xml.append("   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">").append(escape(description))
			.append("</rdf:li></rdf:Alt></dc:description>\n")
			.append("  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
		return xml.toString().getBytes(StandardCharsets.UTF_8);
	}

	/** The DigitalSourceType in a packet, in attribute or element form; empty if absent or not XML. */
	static Optional<String> digitalSourceType(byte[] packet) {
		try {
			var factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(true);
			// Packets come from files of unknown origin: no DTDs, no external entities.
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			var document = factory.newDocumentBuilder()
				.parse(new InputSource(new StringReader(new String(packet, StandardCharsets.UTF_8).strip())));
			NodeList descriptions = document.getElementsByTagNameNS(RDF_NS, "Description");
			for (int i = 0; i < descriptions.getLength(); i++) {
				var description = (Element) descriptions.item(i);
				if (description.hasAttributeNS(IPTC_EXT_NS, "DigitalSourceType")) {
					return Optional.of(description.getAttributeNS(IPTC_EXT_NS, "DigitalSourceType"));
				}
			}
			NodeList elements = document.getElementsByTagNameNS(IPTC_EXT_NS, "DigitalSourceType");
			if (elements.getLength() > 0) {
				var element = (Element) elements.item(0);
				String value = element.hasAttributeNS(RDF_NS, "resource") ? element.getAttributeNS(RDF_NS, "resource")
						: element.getTextContent().strip();
				return Optional.of(value);
			}
			return Optional.empty();
		}
		catch (Exception notXmp) {
			return Optional.empty();
		}
	}

	private static String escape(String s) {
		StringBuilder out = new StringBuilder(s.length());
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			switch (c) {
				case '&' -> out.append("&amp;");
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '"' -> out.append("&quot;");
				default -> {
					// Control characters are not allowed in XML 1.0 at all; drop them rather than emit a broken packet.
					if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
						out.append(c);
					}
				}
			}
		}
		return out.toString();
	}
}
