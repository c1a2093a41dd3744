using System.Buffers.Binary;
using System.IO.Compression;

namespace SoKet.Bot.Tests.Export.Fixtures;

/// <summary>
/// A minimal PNG decoder for assertions (8-bit grey, grey+alpha, RGB and RGBA, not interlaced): enough
/// to read the app icons and pages rendered by pdftoppm without an imaging library.
/// </summary>
public sealed class PngImage
{
    private readonly byte[] _pixels;
    private readonly int _channels;

    private PngImage(int width, int height, int colorType, byte[] pixels)
    {
        Width = width;
        Height = height;
        ColorType = colorType;
        _channels = colorType switch { 0 => 1, 2 => 3, 4 => 2, 6 => 4, _ => throw new NotSupportedException($"PNG colour type {colorType}") };
        _pixels = pixels;
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>0 grey, 2 RGB, 4 grey+alpha, 6 RGBA.</summary>
    public int ColorType { get; }

    public bool HasAlpha => ColorType is 4 or 6;

    /// <summary>The pixel as RGBA.</summary>
    public (byte R, byte G, byte B, byte A) this[int x, int y]
    {
        get
        {
            var i = (y * Width + x) * _channels;
            return _channels switch
            {
                1 => (_pixels[i], _pixels[i], _pixels[i], 255),
                2 => (_pixels[i], _pixels[i], _pixels[i], _pixels[i + 1]),
                3 => (_pixels[i], _pixels[i + 1], _pixels[i + 2], 255),
                _ => (_pixels[i], _pixels[i + 1], _pixels[i + 2], _pixels[i + 3]),
            };
        }
    }

    public static PngImage Load(string path) => Decode(File.ReadAllBytes(path));

    public static PngImage Decode(byte[] png)
    {
        ReadOnlySpan<byte> signature = [137, 80, 78, 71, 13, 10, 26, 10];
        if (!png.AsSpan(0, 8).SequenceEqual(signature))
            throw new InvalidDataException("Not a PNG file.");
        int width = 0, height = 0, colorType = 0;
        using var idat = new MemoryStream();
        for (var offset = 8; offset < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            var type = System.Text.Encoding.ASCII.GetString(png, offset + 4, 4);
            var data = png.AsSpan(offset + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                if (data[8] != 8 || data[12] != 0)
                    throw new NotSupportedException("Only 8-bit, non-interlaced PNG is supported.");
                colorType = data[9];
            }
            else if (type == "IDAT")
                idat.Write(data);
            else if (type == "IEND")
                break;
            offset += 12 + length;
        }

        idat.Position = 0;
        using var inflater = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        inflater.CopyTo(raw);
        var image = new PngImage(width, height, colorType, new byte[width * height * (colorType switch { 0 => 1, 2 => 3, 4 => 2, _ => 4 })]);
        image.Unfilter(raw.ToArray());
        return image;
    }

    private void Unfilter(byte[] raw)
    {
        var stride = Width * _channels;
        var previous = new byte[stride];
        for (var y = 0; y < Height; y++)
        {
            var filter = raw[y * (stride + 1)];
            var line = raw.AsSpan(y * (stride + 1) + 1, stride);
            var current = _pixels.AsSpan(y * stride, stride);
            for (var x = 0; x < stride; x++)
            {
                int left = x >= _channels ? current[x - _channels] : 0;
                int up = previous[x];
                int upLeft = x >= _channels ? previous[x - _channels] : 0;
                current[x] = (byte)(line[x] + filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"PNG filter {filter}"),
                });
            }
            current.CopyTo(previous);
        }
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
