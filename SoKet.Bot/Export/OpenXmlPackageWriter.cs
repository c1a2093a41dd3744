using System.IO.Compression;
using System.Xml;
using DocumentFormat.OpenXml;

namespace SoKet.Bot.Export;

/// <summary>
/// Writes an Open Packaging Conventions zip part by part, each straight into its zip entry.
/// </summary>
/// <remarks>
/// DocumentFormat.OpenXml 2.20 insists on a readable package, and System.IO.Packaging then opens the
/// zip in update mode, which keeps every part uncompressed in memory until the package closes: for a
/// thousand-unit report that is the whole document. Here each part is serialised by the SDK's
/// <see cref="OpenXmlWriter"/> into a create-mode zip entry, and the small bookkeeping parts
/// ([Content_Types].xml and the .rels files) are written at the end, so memory stays flat and the output
/// stream need not be seekable (an HTTP response works).
/// </remarks>
internal sealed class OpenXmlPackageWriter : IDisposable
{
    public const string RelationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelationshipsNamespace = "http://schemas.openxmlformats.org/package/2006/relationships";

    private readonly ZipArchive _zip;
    private readonly List<(string PartName, string ContentType)> _overrides = [];
    private readonly Dictionary<string, List<(string Id, string Type, string Target)>> _relationships = new(StringComparer.Ordinal);
    private bool _disposed;

    public OpenXmlPackageWriter(Stream output) =>
        _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);

    /// <summary>Writes a part from an element tree (styles, settings: small parts).</summary>
    public void WritePart(string partName, string contentType, OpenXmlElement root) =>
        WritePart(partName, contentType, writer => writer.WriteElement(root));

    /// <summary>Writes a part element by element; <paramref name="write"/> gets a writer after the XML declaration.</summary>
    public void WritePart(string partName, string contentType, Action<OpenXmlWriter> write)
    {
        _overrides.Add((partName, contentType));
        using var stream = _zip.CreateEntry(partName.TrimStart('/'), CompressionLevel.Optimal).Open();
        using var writer = OpenXmlWriter.Create(stream);
        writer.WriteStartDocument(true);
        write(writer);
    }

    /// <summary>Writes a part with a plain XML writer (document properties, which have no SDK element classes in this package).</summary>
    public void WriteXmlPart(string partName, string contentType, Action<XmlWriter> write)
    {
        _overrides.Add((partName, contentType));
        using var stream = _zip.CreateEntry(partName.TrimStart('/'), CompressionLevel.Optimal).Open();
        using var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false) });
        writer.WriteStartDocument(true);
        write(writer);
    }

    /// <summary>Adds a relationship from <paramref name="sourcePart"/> ("/" for the package itself) to a target relative to the source's folder.</summary>
    public void Relate(string sourcePart, string id, string type, string target)
    {
        if (!_relationships.TryGetValue(sourcePart, out var list))
            _relationships[sourcePart] = list = [];
        list.Add((id, type, target));
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        foreach (var (source, relationships) in _relationships)
            WriteRelationships(source, relationships);
        WriteContentTypes();
        _zip.Dispose();
    }

    private void WriteRelationships(string source, List<(string Id, string Type, string Target)> relationships)
    {
        var folder = source == "/" ? "" : source.TrimStart('/')[..(source.TrimStart('/').LastIndexOf('/') + 1)];
        var name = source == "/" ? "_rels/.rels" : folder + "_rels/" + Path.GetFileName(source) + ".rels";
        using var stream = _zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        using var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false) });
        writer.WriteStartDocument(true);
        writer.WriteStartElement("Relationships", PackageRelationshipsNamespace);
        foreach (var (id, type, target) in relationships)
        {
            writer.WriteStartElement("Relationship", PackageRelationshipsNamespace);
            writer.WriteAttributeString("Id", id);
            writer.WriteAttributeString("Type", type);
            writer.WriteAttributeString("Target", target);
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
    }

    private void WriteContentTypes()
    {
        const string ns = "http://schemas.openxmlformats.org/package/2006/content-types";
        using var stream = _zip.CreateEntry("[Content_Types].xml", CompressionLevel.Optimal).Open();
        using var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false) });
        writer.WriteStartDocument(true);
        writer.WriteStartElement("Types", ns);
        foreach (var (extension, type) in new[] { ("rels", "application/vnd.openxmlformats-package.relationships+xml"), ("xml", "application/xml") })
        {
            writer.WriteStartElement("Default", ns);
            writer.WriteAttributeString("Extension", extension);
            writer.WriteAttributeString("ContentType", type);
            writer.WriteEndElement();
        }
        foreach (var (partName, contentType) in _overrides)
        {
            writer.WriteStartElement("Override", ns);
            writer.WriteAttributeString("PartName", partName);
            writer.WriteAttributeString("ContentType", contentType);
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
    }

    /// <summary>docProps/core.xml: title and creator, so file managers and Word show what the file is.</summary>
    public void WriteCoreProperties(string title, string creator, DateTimeOffset created)
    {
        const string cp = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
        const string dc = "http://purl.org/dc/elements/1.1/";
        const string dcterms = "http://purl.org/dc/terms/";
        const string xsi = "http://www.w3.org/2001/XMLSchema-instance";
        WriteXmlPart("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml", writer =>
        {
            writer.WriteStartElement("cp", "coreProperties", cp);
            writer.WriteAttributeString("xmlns", "dc", null, dc);
            writer.WriteAttributeString("xmlns", "dcterms", null, dcterms);
            writer.WriteAttributeString("xmlns", "xsi", null, xsi);
            writer.WriteElementString("title", dc, WordElements.CleanText(title));
            writer.WriteElementString("creator", dc, creator);
            writer.WriteStartElement("created", dcterms);
            writer.WriteAttributeString("type", xsi, "dcterms:W3CDTF");
            writer.WriteString(created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteEndElement();
            writer.WriteEndElement();
        });
        Relate("/", "rIdCore", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml");
    }
}
