using System.Collections.Immutable;
using MultiRegionInfra.Naming;
using Pulumi;
using Pulumi.Aws.Acm;
using Pulumi.Aws.Acm.Outputs;
using Pulumi.Aws.Route53;

namespace MultiRegionInfra.Certificates;

/// <summary>An ACM certificate validated through DNS records in a Route 53 zone; its ARN is available
/// once ACM has issued it, so listeners and distributions never reference a pending certificate.</summary>
public sealed class DnsValidatedCertificate : ComponentResource
{
    /// <summary>The issued certificate's ARN.</summary>
    [Output]
    public Output<string> CertificateArn { get; private set; } = null!;

    public DnsValidatedCertificate(string name, DnsValidatedCertificateArgs args, ComponentResourceOptions? options = null)
        : base("multiregion:certificates:DnsValidatedCertificate", name, options)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.DomainNames.Count == 0)
            throw new ArgumentException("a certificate needs at least one name", nameof(args));
        var self = new CustomResourceOptions { Parent = this };

        var certificateArgs = new CertificateArgs
        {
            DomainName = args.DomainNames[0],
            SubjectAlternativeNames = args.DomainNames.Skip(1).ToList(),
            ValidationMethod = "DNS",
            Tags = args.Context.Tags(ResourceNames.Child(name, "certificate")),
        };
        if (args.Region is { } region)
            certificateArgs.Region = region;
        var certificate = new Certificate(ResourceNames.Child(name, "certificate"), certificateArgs, self);

        // One record per name on the certificate, matched by name: ACM lists a validation option for
        // each name, in no promised order.
        var records = args.DomainNames.Select((domain, index) =>
        {
            var record = certificate.DomainValidationOptions.Apply(options => ValidationRecordOf(options, domain));
            return new Record(ResourceNames.Child(name, $"validation-{index}"), new RecordArgs
            {
                ZoneId = args.ZoneId,
                Name = record.Apply(r => r.Name),
                Type = record.Apply(r => r.Type),
                Records = { record.Apply(r => r.Value) },
                Ttl = 60,
                AllowOverwrite = true,
            }, self);
        }).ToList();

        var validationArgs = new CertificateValidationArgs
        {
            CertificateArn = certificate.Arn,
            ValidationRecordFqdns = records.Select(r => r.Fqdn).ToList(),
        };
        var validation = new CertificateValidation(ResourceNames.Child(name, "validation"), validationArgs, self);

        CertificateArn = validation.CertificateArn;
        RegisterOutputs();
    }

    /// <summary>The DNS record that proves control of <paramref name="domain"/>. The provider declares
    /// every field of a validation option optional; ACM fills them all for DNS validation, so a missing
    /// one is an error worth stopping for rather than a record with an empty name.</summary>
    private static (string Name, string Type, string Value) ValidationRecordOf(ImmutableArray<CertificateDomainValidationOption> options, string domain)
    {
        var option = options.FirstOrDefault(o => o.DomainName == domain);
        return option is { ResourceRecordName: { } name, ResourceRecordType: { } type, ResourceRecordValue: { } value }
            ? (name, type, value)
            : throw new InvalidOperationException(
                $"ACM returned no complete DNS validation record for '{domain}' (validation options: {string.Join(", ", options.Select(o => o.DomainName ?? "(no name)"))})");
    }
}
