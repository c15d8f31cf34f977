using MultiRegionInfra.Naming;
using Pulumi;

namespace MultiRegionInfra.Certificates;

/// <summary>Inputs of <see cref="DnsValidatedCertificate"/>.</summary>
public sealed class DnsValidatedCertificateArgs
{
    /// <summary>Whose resources these are: tags and display names.</summary>
    public required StackContext Context { get; init; }

    /// <summary>The names on the certificate; the first is its domain name, the rest alternatives.</summary>
    public required IReadOnlyList<string> DomainNames { get; init; }

    /// <summary>The Route 53 zone that holds the validation records.</summary>
    public required Input<string> ZoneId { get; init; }

    /// <summary>The region of the certificate; the stack's own when null. The validation waits through
    /// the stack's provider, so a certificate elsewhere needs the stack's provider in that region too.</summary>
    public string? Region { get; init; }
}
