using MultiRegionInfra.Naming;
using Pulumi;
using Pulumi.Aws.Acm;
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

        // One record per name on the certificate; ACM lists a validation option for each.
        var records = args.DomainNames.Select((_, index) => new Record(ResourceNames.Child(name, $"validation-{index}"), new RecordArgs
        {
            ZoneId = args.ZoneId,
            Name = certificate.DomainValidationOptions.Apply(o => o[index].ResourceRecordName!),
            Type = certificate.DomainValidationOptions.Apply(o => o[index].ResourceRecordType!),
            Records = { certificate.DomainValidationOptions.Apply(o => o[index].ResourceRecordValue!) },
            Ttl = 60,
            AllowOverwrite = true,
        }, self)).ToList();

        var validationArgs = new CertificateValidationArgs
        {
            CertificateArn = certificate.Arn,
            ValidationRecordFqdns = records.Select(r => r.Fqdn).ToList(),
        };
        var validation = new CertificateValidation(ResourceNames.Child(name, "validation"), validationArgs, self);

        CertificateArn = validation.CertificateArn;
        RegisterOutputs();
    }
}
