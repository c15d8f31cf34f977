using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace MultiRegionInfra.Networking;

/// <summary>An IPv4 network in CIDR notation, e.g. 10.10.0.0/16.</summary>
public readonly record struct Ipv4Cidr(uint Network, int PrefixLength)
{
    public uint Size => PrefixLength == 0 ? uint.MaxValue : 1u << (32 - PrefixLength);

    public uint Last => Network + (Size - 1);

    public override string ToString() =>
        $"{new IPAddress(BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(Network)))}/{PrefixLength}";

    /// <summary>Parses a network address with its prefix; host bits must be zero.</summary>
    public static bool TryParse(string? text, out Ipv4Cidr cidr, out string problem)
    {
        cidr = default;
        problem = "is not an IPv4 CIDR block";
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var parts = text.Split('/');
        if (parts.Length != 2 || !IPAddress.TryParse(parts[0], out var address) || address.AddressFamily != AddressFamily.InterNetwork ||
            parts[0].Count(c => c == '.') != 3 ||
            !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix > 32)
            return false;
        var bytes = address.GetAddressBytes();
        var network = (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        if ((network & ~mask) != 0)
        {
            problem = $"has host bits set (the network address is {new Ipv4Cidr(network & mask, prefix)})";
            return false;
        }
        cidr = new Ipv4Cidr(network, prefix);
        problem = "";
        return true;
    }

    public static Ipv4Cidr Parse(string text) =>
        TryParse(text, out var cidr, out var problem) ? cidr : throw new FormatException($"'{text}' {problem}");

    public bool Overlaps(Ipv4Cidr other) => Network <= other.Last && other.Network <= Last;

    public bool Contains(Ipv4Cidr other) => Network <= other.Network && other.Last <= Last;

    /// <summary>Whether the block lies in the private ranges of RFC 1918.</summary>
    public bool IsPrivate
    {
        get
        {
            var self = this;
            return PrivateRanges.Any(range => range.Contains(self));
        }
    }

    private static readonly Ipv4Cidr[] PrivateRanges = { Parse("10.0.0.0/8"), Parse("172.16.0.0/12"), Parse("192.168.0.0/16") };

    /// <summary>The <paramref name="index"/>-th block of <paramref name="newBits"/> more prefix bits.</summary>
    public Ipv4Cidr Subnet(int newBits, int index)
    {
        var prefix = PrefixLength + newBits;
        if (newBits < 0 || prefix > 32)
            throw new ArgumentOutOfRangeException(nameof(newBits), $"{this} cannot be split into /{prefix} blocks");
        if (index < 0 || index >= 1 << newBits)
            throw new ArgumentOutOfRangeException(nameof(index), $"{this} has only {1 << newBits} /{prefix} blocks");
        return new Ipv4Cidr(Network + (uint)index * (1u << (32 - prefix)), prefix);
    }
}
