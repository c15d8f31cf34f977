using MultiRegionInfra.Naming;

namespace MultiRegionInfra.Policies;

/// <summary>The rules every stack is held to, in the tests and in <c>plan</c>. Each rule's scanner IDs
/// (Checkov, Trivy, Pulumi AWSGuard) are on its record, and in the README's rule table.</summary>
public static class PolicySet
{
    private const string Rds = "aws:rds/instance:Instance";
    private const string Listener = "aws:lb/listener:Listener";
    private const string LoadBalancer = "aws:lb/loadBalancer:LoadBalancer";
    private const string TargetGroup = "aws:lb/targetGroup:TargetGroup";
    private const string SecurityGroup = "aws:ec2/securityGroup:SecurityGroup";
    private const string DefaultSecurityGroup = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";
    private const string IngressRule = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
    private const string EgressRule = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
    private const string LaunchTemplate = "aws:ec2/launchTemplate:LaunchTemplate";
    private const string Subnet = "aws:ec2/subnet:Subnet";
    private const string Vpc = "aws:ec2/vpc:Vpc";
    private const string FlowLog = "aws:ec2/flowLog:FlowLog";
    private const string KmsKey = "aws:kms/key:Key";
    private const string Distribution = "aws:cloudfront/distribution:Distribution";
    private const string GlobalTable = "aws-native:dynamodb:GlobalTable";
    private const string Bucket = "aws:s3/bucket:Bucket";
    private const string BucketEncryption = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
    private const string BucketPublicAccessBlock = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
    private const string BucketVersioning = "aws:s3/bucketVersioning:BucketVersioning";
    private const string BucketPolicy = "aws:s3/bucketPolicy:BucketPolicy";
    private const string AuroraCluster = "aws:rds/cluster:Cluster";
    private const string AuroraInstance = "aws:rds/clusterInstance:ClusterInstance";
    private const string AuroraGlobalCluster = "aws:rds/globalCluster:GlobalCluster";
    private const string ClusterParameterGroup = "aws:rds/clusterParameterGroup:ClusterParameterGroup";
    private const string EcrRepository = "aws:ecr/repository:Repository";
    private const string SsmParameter = "aws:ssm/parameter:Parameter";
    private const string BucketLogging = "aws:s3/bucketLogging:BucketLogging";
    private const string ListenerRule = "aws:lb/listenerRule:ListenerRule";
    private const string BucketLifecycle = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";

    private static IEnumerable<PolicyResource> SettingsOf(PolicyStack stack, string type, PolicyResource bucket) =>
        stack.OfType(type).Where(s => s.String("bucket") == bucket.Id);

    /// <summary>A log bucket: one that a load balancer's access logs or another bucket's server access logs go to.</summary>
    private static bool ReceivesLogs(PolicyStack stack, PolicyResource bucket) =>
        stack.OfType(BucketLogging).Any(l => l.String("targetBucket") == bucket.Id)
        || stack.OfType(LoadBalancer).Any(lb => lb.Bool("accessLogs.enabled") == true && lb.String("accessLogs.bucket") == bucket.Id);

    /// <summary>Every bucket encrypts with KMS by default; a log bucket with S3-managed keys, the only
    /// encryption load balancer access logs (and S3 server access logs) can be delivered into.</summary>
    public static readonly PolicyRule BucketKmsEncryption = new("MRI-S3-01", PolicySeverity.Error, "S3 buckets encrypted with KMS (log buckets: SSE-S3)",
        "CKV_AWS_145", "none", "none")
    {
        Evaluate = (stack, rule) => stack.OfType(Bucket)
            .Where(b => !SettingsOf(stack, BucketEncryption, b).Any(e => e.Maps("rules").Any(r =>
                PolicyResource.AsMap(r.GetValueOrDefault("applyServerSideEncryptionByDefault"))?.GetValueOrDefault("sseAlgorithm") as string is var algorithm
                && (algorithm is "aws:kms" or "aws:kms:dsse" || algorithm == "AES256" && ReceivesLogs(stack, b)))))
            .Select(b => rule.Violation(b, "serverSideEncryptionConfiguration", ReceivesLogs(stack, b)
                ? "has no default encryption (a log bucket: SSE-S3 or KMS)"
                : "has no default encryption with KMS")),
    };

    /// <summary>Every bucket blocks public ACLs and policies, all four ways.</summary>
    public static readonly PolicyRule BucketPublicAccessBlocked = new("MRI-S3-02", PolicySeverity.Error, "S3 public access fully blocked",
        "CKV_AWS_53, CKV_AWS_54, CKV_AWS_55, CKV_AWS_56", "none", "none")
    {
        Evaluate = (stack, rule) => stack.OfType(Bucket)
            .Where(b => !SettingsOf(stack, BucketPublicAccessBlock, b).Any(p =>
                p.Bool("blockPublicAcls") == true && p.Bool("blockPublicPolicy") == true && p.Bool("ignorePublicAcls") == true && p.Bool("restrictPublicBuckets") == true))
            .Select(b => rule.Violation(b, "publicAccessBlock", "does not block public access all four ways")),
    };

    /// <summary>Every bucket has a policy, and every bucket policy refuses requests without TLS.</summary>
    public static readonly PolicyRule BucketTlsOnly = new("MRI-S3-03", PolicySeverity.Error, "every S3 bucket has a policy that denies requests without TLS",
        "none", "none", "none")
    {
        Evaluate = (stack, rule) => stack.OfType(BucketPolicy)
            .Where(p => !DeniesInsecureTransport(p.String("policy")))
            .Select(p => rule.Violation(p, "policy", "does not deny requests whose aws:SecureTransport is false"))
            .Concat(stack.OfType(Bucket).Where(b => !SettingsOf(stack, BucketPolicy, b).Any())
                .Select(b => rule.Violation(b, "policy", "is missing: nothing refuses requests to the bucket without TLS"))),
    };

    private static bool DeniesInsecureTransport(string? policy)
    {
        if (policy is null)
            return false;
        using var document = System.Text.Json.JsonDocument.Parse(policy);
        return document.RootElement.TryGetProperty("Statement", out var statements) && statements.EnumerateArray().Any(s =>
            s.TryGetProperty("Effect", out var effect) && effect.GetString() == "Deny" &&
            s.TryGetProperty("Condition", out var condition) && condition.TryGetProperty("Bool", out var boolean) &&
            boolean.TryGetProperty("aws:SecureTransport", out var secure) && secure.GetString() == "false");
    }

    /// <summary>Every bucket keeps versions, so overwritten and deleted assets can be recovered and replicated.</summary>
    public static readonly PolicyRule BucketVersioned = new("MRI-S3-04", PolicySeverity.Error, "S3 versioning on",
        "CKV_AWS_21", "AVD-AWS-0090", "none")
    {
        Evaluate = (stack, rule) => stack.OfType(Bucket)
            .Where(b => !SettingsOf(stack, BucketVersioning, b).Any(v => v.String("versioningConfiguration.status") == "Enabled"))
            .Select(b => rule.Violation(b, "versioning", "is not enabled")),
    };

    /// <summary>Who reads or changes a bucket is recorded, in prod. A log bucket is excepted (a documented
    /// waiver of AWSGuard's s3-bucket-logging-enabled): logging it into itself would record its own log
    /// writes without end, and into another bucket would only move the problem.</summary>
    public static readonly PolicyRule BucketAccessLogging = new("MRI-S3-05", PolicySeverity.Error, "S3 server access logging in prod (log buckets excepted)",
        "CKV_AWS_18", "AVD-AWS-0089", "s3-bucket-logging-enabled")
    {
        Evaluate = (stack, rule) => stack.IsProd
            ? stack.OfType(Bucket).Where(b => !ReceivesLogs(stack, b) && !SettingsOf(stack, BucketLogging, b).Any())
                .Select(b => rule.Violation(b, "logging", "is off in prod: nothing records who read or changed the bucket"))
            : Enumerable.Empty<Violation>(),
    };

    /// <summary>A log bucket keeps its objects for a set time, then expires them.</summary>
    public static readonly PolicyRule LogRetention = new("MRI-S3-06", PolicySeverity.Error, "log buckets expire their objects",
        "CKV2_AWS_61", "none", "none")
    {
        Evaluate = (stack, rule) => stack.OfType(Bucket).Where(b => ReceivesLogs(stack, b))
            .Where(b => !SettingsOf(stack, BucketLifecycle, b).Any(l => l.Maps("rules").Any(r => r.GetValueOrDefault("status") as string == "Enabled"
                && PolicyResource.AsMap(r.GetValueOrDefault("expiration"))?.GetValueOrDefault("days") is double days && days > 0)))
            .Select(b => rule.Violation(b, "lifecycle", "has no enabled rule that expires objects after a number of days: a log bucket keeps logs for a retention period")),
    };

    private static bool IsReplica(PolicyResource db) => db.String("replicateSourceDb") is { Length: > 0 };

    /// <summary>RDS storage is encrypted at rest.</summary>
    public static readonly PolicyRule RdsStorageEncrypted = new("MRI-RDS-01", PolicySeverity.Error, "RDS storage encrypted",
        "CKV_AWS_16", "AVD-AWS-0080", "rds-storage-encrypted")
    {
        Evaluate = (stack, rule) => stack.OfType(Rds).Where(db => db.Bool("storageEncrypted") != true)
            .Select(db => rule.Violation(db, "storageEncrypted", "is not true: the database is stored unencrypted")),
    };

    /// <summary>RDS instances are not reachable from the internet.</summary>
    public static readonly PolicyRule RdsNotPublic = new("MRI-RDS-02", PolicySeverity.Error, "RDS not publicly accessible",
        "CKV_AWS_17", "AVD-AWS-0180", "rds-instance-public-access")
    {
        Evaluate = (stack, rule) => stack.OfType(Rds).Where(db => db.Bool("publiclyAccessible") == true)
            .Select(db => rule.Violation(db, "publiclyAccessible", "is true: the database has a public address")),
    };

    /// <summary>Primaries keep at least a week of automated backups.</summary>
    public static readonly PolicyRule RdsBackupRetention = new("MRI-RDS-03", PolicySeverity.Error, "RDS primary backup retention of 7 days or more",
        "CKV_AWS_133", "AVD-AWS-0077", "rds-instance-backup-enabled")
    {
        Evaluate = (stack, rule) => stack.OfType(Rds).Where(db => !IsReplica(db) && (db.Number("backupRetentionPeriod") ?? 0) < 7)
            .Select(db => rule.Violation(db, "backupRetentionPeriod", $"is {db.Number("backupRetentionPeriod") ?? 0} days; a primary keeps at least 7")),
    };

    /// <summary>Prod databases keep a standby in a second availability zone.</summary>
    public static readonly PolicyRule RdsMultiAz = new("MRI-RDS-04", PolicySeverity.Error, "RDS Multi-AZ in prod",
        "CKV_AWS_157", "none", "rds-instance-multi-az-enabled")
    {
        Evaluate = (stack, rule) => stack.IsProd
            ? stack.OfType(Rds).Where(db => db.Bool("multiAz") != true)
                .Select(db => rule.Violation(db, "multiAz", "is not true in prod: a zone's outage takes the database down"))
            : Enumerable.Empty<Violation>(),
    };

    /// <summary>Prod databases cannot be deleted by a stray API call.</summary>
    public static readonly PolicyRule RdsDeletionProtection = new("MRI-RDS-05", PolicySeverity.Error, "RDS deletion protection in prod",
        "CKV_AWS_293", "AVD-AWS-0177", "none")
    {
        Evaluate = (stack, rule) => stack.IsProd
            ? stack.OfType(Rds).Where(db => db.Bool("deletionProtection") != true)
                .Select(db => rule.Violation(db, "deletionProtection", "is not true in prod"))
            : Enumerable.Empty<Violation>(),
    };

    /// <summary>Deleting a primary leaves a final snapshot; replicas have nothing of their own to keep.</summary>
    public static readonly PolicyRule RdsFinalSnapshot = new("MRI-RDS-06", PolicySeverity.Error, "RDS final snapshot unless a replica",
        "none", "none", "none")
    {
        Evaluate = (stack, rule) => stack.OfType(Rds).Where(db => !IsReplica(db) && (db.Bool("skipFinalSnapshot") == true || db.String("finalSnapshotIdentifier") is not { Length: > 0 }))
            .Select(db => rule.Violation(db, "skipFinalSnapshot", "skips the final snapshot (or finalSnapshotIdentifier is unset): deleting it loses the data")),
    };

    /// <summary>A cross-region replica is encrypted with a key of its own region (KMS keys are regional).</summary>
    public static readonly PolicyRule RdsReplicaRegionalKey = new("MRI-RDS-07", PolicySeverity.Error, "cross-region replica encrypted with a KMS key of its region",
        "none", "none", "none")
    {
        Evaluate = (stack, rule) => stack.OfType(Rds).Where(IsReplica)
            .Where(db => db.String("kmsKeyId") is not { } key || !key.StartsWith($"arn:aws:kms:{stack.Region}:", StringComparison.Ordinal))
            .Select(db => rule.Violation(db, "kmsKeyId", $"is '{db.String("kmsKeyId") ?? "unset"}', not a key of {stack.Region}")),
    };

    /// <summary>Database users authenticate through IAM rather than passwords.</summary>
    public static readonly PolicyRule RdsIamAuthentication = new("MRI-RDS-08", PolicySeverity.Warning, "RDS IAM authentication",
        "CKV_AWS_161", "AVD-AWS-0176", "none")
    {
        Evaluate = (stack, rule) => stack.OfType(Rds).Where(db => db.Bool("iamDatabaseAuthenticationEnabled") != true)
            .Select(db => rule.Violation(db, "iamDatabaseAuthenticationEnabled", "is not true")),
    };

    /// <summary>The PostgreSQL log goes to CloudWatch Logs.</summary>
    public static readonly PolicyRule RdsLogExports = new("MRI-RDS-09", PolicySeverity.Warning, "RDS logs exported",
        "CKV_AWS_129", "none", "none")
    {
        Evaluate = (stack, rule) => stack.OfType(Rds).Where(db => !db.List("enabledCloudwatchLogsExports").Contains("postgresql"))
            .Select(db => rule.Violation(db, "enabledCloudwatchLogsExports", "does not export the postgresql log")),
    };

    /// <summary>An Aurora cluster is encrypted at rest, with a key of its own region (a secondary too).</summary>
    public static readonly PolicyRule AuroraEncrypted = new("MRI-AUR-01", PolicySeverity.Error, "Aurora clusters encrypted with a KMS key of their region",
        "CKV_AWS_96", "AVD-AWS-0079", "none")
    {
        Evaluate = (stack, rule) => stack.OfType(AuroraCluster)
            .Where(c => c.Bool("storageEncrypted") != true || c.String("kmsKeyId") is not { } key || !key.Contains($":kms:{stack.Region}:", StringComparison.Ordinal))
            .Select(c => rule.Violation(c, "storageEncrypted", $"is not true with a key of {stack.Region} (kmsKeyId '{c.String("kmsKeyId") ?? "unset"}')")),
    };

    /// <summary>No Aurora instance has a public address.</summary>
    public static readonly PolicyRule AuroraNotPublic = new("MRI-AUR-02", PolicySeverity.Error, "Aurora instances not publicly accessible",
        "CKV_AWS_17", "none", "none")
    {
        Evaluate = (stack, rule) => stack.OfType(AuroraInstance).Where(i => i.Bool("publiclyAccessible") == true)
            .Select(i => rule.Violation(i, "publiclyAccessible", "is true: the instance has a public address")),
    };

    private static bool IsPrimaryCluster(PolicyResource cluster) => cluster.String("masterUsername") is { Length: > 0 };

    /// <summary>The primary cluster keeps at least a week of backups, and leaves a final snapshot.</summary>
    public static readonly PolicyRule AuroraBackups = new("MRI-AUR-03", PolicySeverity.Error, "Aurora backups of 7 days or more and a final snapshot",
        "none", "AVD-AWS-0077", "none")
    {
        Evaluate = (stack, rule) => stack.OfType(AuroraCluster)
            .Where(c => IsPrimaryCluster(c) && (c.Number("backupRetentionPeriod") ?? 0) < 7 || c.Bool("skipFinalSnapshot") != false || c.String("finalSnapshotIdentifier") is not { Length: > 0 })
            .Select(c => rule.Violation(c, "backupRetentionPeriod", $"is {c.Number("backupRetentionPeriod") ?? 0} days{(c.Bool("skipFinalSnapshot") != false ? " and the final snapshot is skipped" : "")}; a primary keeps at least 7, every cluster a final snapshot")),
    };

    /// <summary>Prod Aurora clusters and the global cluster cannot be deleted by a stray API call.</summary>
    public static readonly PolicyRule AuroraDeletionProtection = new("MRI-AUR-04", PolicySeverity.Error, "Aurora deletion protection in prod",
        "CKV_AWS_139", "none", "none")
    {
        Evaluate = (stack, rule) => stack.IsProd
            ? stack.Resources.Where(r => r.Type is AuroraCluster or AuroraGlobalCluster && r.Bool("deletionProtection") != true)
                .Select(r => rule.Violation(r, "deletionProtection", "is not true in prod"))
            : Enumerable.Empty<Violation>(),
    };

    /// <summary>Aurora clusters refuse connections without TLS: their cluster parameter group sets
    /// rds.force_ssl.</summary>
    public static readonly PolicyRule AuroraForcesTls = new("MRI-AUR-05", PolicySeverity.Error, "Aurora clusters force TLS",
        "none", "none", "none")
    {
        Evaluate = (stack, rule) => stack.OfType(AuroraCluster)
            .Where(c => !stack.OfType(ClusterParameterGroup).Any(g => (g.Id == c.String("dbClusterParameterGroupName") || g.String("name") == c.String("dbClusterParameterGroupName"))
                && g.Maps("parameters").Any(p => p.GetValueOrDefault("name") as string == "rds.force_ssl" && p.GetValueOrDefault("value") as string == "1")))
            .Select(c => rule.Violation(c, "dbClusterParameterGroupName", "names no cluster parameter group that sets rds.force_ssl to 1: clients may connect without TLS")),
    };

    /// <summary>The image repositories scan images on push, keep tags immutable and encrypt with KMS.</summary>
    public static readonly PolicyRule EcrHardened = new("MRI-ECR-01", PolicySeverity.Error, "ECR repositories scan on push, immutable tags, KMS",
        "CKV_AWS_163, CKV_AWS_51, CKV_AWS_136", "none", "none")
    {
        Evaluate = (stack, rule) => stack.OfType(EcrRepository)
            .Where(r => r.Bool("imageScanningConfiguration.scanOnPush") != true || r.String("imageTagMutability") != "IMMUTABLE"
                || !r.Maps("encryptionConfigurations").Any(e => e.GetValueOrDefault("encryptionType") as string == "KMS"))
            .Select(r => rule.Violation(r, "imageScanningConfiguration", "does not scan on push, keep tags immutable and encrypt with KMS together")),
    };

    /// <summary>The service's parameters are SecureStrings encrypted with a customer managed key.</summary>
    public static readonly PolicyRule ParametersEncrypted = new("MRI-SSM-01", PolicySeverity.Error, "SSM parameters are SecureStrings with a customer managed key",
        "none", "none", "none")
    {
        Evaluate = (stack, rule) => stack.OfType(SsmParameter)
            .Where(p => p.String("type") != "SecureString" || p.String("keyId") is not { Length: > 0 } key || key.StartsWith("alias/aws/", StringComparison.Ordinal))
            .Select(p => rule.Violation(p, "type", $"is '{p.String("type")}' with key '{p.String("keyId") ?? "the AWS managed key"}'; allowed: SecureString with a key of this stack")),
    };

    // Synthetics canaries: their artifacts are encrypted and expire, and their role can do only what a canary does.
    private const string SyntheticsCanary = "aws:synthetics/canary:Canary";
    private const string RolePolicy = "aws:iam/rolePolicy:RolePolicy";
    private const string RolePolicyAttachment = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";

    /// <summary>What a canary's role may be allowed (CloudWatch User Guide, "Required roles and permissions
    /// for canaries"), and of those, what may name every resource (the actions name none).</summary>
    private static readonly IReadOnlySet<string> CanaryActions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "s3:PutObject", "s3:GetObject", "s3:GetBucketLocation", "s3:ListAllMyBuckets", "kms:GenerateDataKey", "kms:Decrypt",
        "logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "cloudwatch:PutMetricData", "xray:PutTraceSegments",
    };

    private static readonly IReadOnlySet<string> CanaryActionsOnEveryResource = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "s3:ListAllMyBuckets", "cloudwatch:PutMetricData", "xray:PutTraceSegments",
    };

    /// <summary>The bucket and folder of a canary's artifactS3Location, s3://bucket/folder/.</summary>
    private static (string Bucket, string Folder)? ArtifactLocation(PolicyResource canary)
    {
        if (canary.String("artifactS3Location") is not { } location || !location.StartsWith("s3://", StringComparison.Ordinal))
            return null;
        var path = location["s3://".Length..];
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (path, "") : (path[..slash], path[(slash + 1)..].Trim('/'));
    }

    private static bool ExpiresObjects(PolicyStack stack, PolicyResource bucket) =>
        SettingsOf(stack, BucketLifecycle, bucket).Any(l => l.Maps("rules").Any(r => r.GetValueOrDefault("status") as string == "Enabled"
            && PolicyResource.AsMap(r.GetValueOrDefault("expiration"))?.GetValueOrDefault("days") is double days && days > 0));

    /// <summary>A canary's artifacts (screenshots, logs, HAR files: what its requests answered) are encrypted
    /// with a customer managed key, in a bucket of this stack (held to the MRI-S3 rules) that expires them.</summary>
    public static readonly PolicyRule CanaryArtifacts = new("MRI-SYN-01", PolicySeverity.Error, "canary artifacts encrypted with KMS, in a bucket of the stack that expires them",
        "none", "none", "none")
    {
        Evaluate = (stack, rule) => stack.OfType(SyntheticsCanary).SelectMany(canary =>
        {
            var found = new List<Violation>();
            var mode = canary.String("artifactConfig.s3Encryption.encryptionMode");
            if (mode != "SSE_KMS" || canary.String("artifactConfig.s3Encryption.kmsKeyArn") is not { Length: > 0 } key || key.Contains("alias/aws/", StringComparison.Ordinal))
                found.Add(rule.Violation(canary, "artifactConfig.s3Encryption", $"is '{mode ?? "unset"}' without a customer managed key; allowed: SSE_KMS with kmsKeyArn, a key of this stack"));
            var location = ArtifactLocation(canary);
            var bucket = location is { } l ? stack.OfType(Bucket).FirstOrDefault(b => b.Id == l.Bucket) : null;
            if (bucket is null)
                found.Add(rule.Violation(canary, "artifactS3Location", $"is '{canary.String("artifactS3Location") ?? "unset"}', not a bucket this stack creates, so the artifacts' encryption, access and retention cannot be checked"));
            else if (!ExpiresObjects(stack, bucket))
                found.Add(rule.Violation(canary, "artifactS3Location", $"names bucket '{bucket.Name}', which never expires its objects: artifacts are kept for a retention period"));
            return found;
        }),
    };

    /// <summary>A canary's role may write its artifacts, logs and metrics and read what its requests carry, and
    /// nothing else: no action beyond what a canary does, no managed policy, every resource named only by the
    /// actions that name none (metrics only in the CloudWatchSynthetics namespace), artifacts only under its
    /// own location, no wildcard parameter or key. A role is linked to its canary by the name that ends the
    /// canary's executionRoleArn, as its inline policies name it.</summary>
    public static readonly PolicyRule CanaryRoles = new("MRI-SYN-02", PolicySeverity.Error, "canary roles grant only what a canary needs",
        "none", "none", "none")
    {
        Evaluate = (stack, rule) => stack.OfType(SyntheticsCanary)
            .Select(canary => (Canary: canary, Problems: CanaryRoleProblems(stack, canary).Distinct().ToList()))
            .Where(c => c.Problems.Count > 0)
            .Select(c => rule.Violation(c.Canary, "executionRoleArn", $"names a role that {string.Join("; ", c.Problems)}")),
    };

    private static IEnumerable<string> CanaryRoleProblems(PolicyStack stack, PolicyResource canary)
    {
        var arn = canary.String("executionRoleArn") ?? "";
        var role = arn[(arn.LastIndexOf('/') + 1)..];
        var policies = stack.OfType(RolePolicy).Where(p => p.String("role") == role).ToList();
        if (role.Length == 0 || policies.Count == 0)
        {
            yield return $"has no policy of this stack ('{arn}'), so what it may do cannot be checked";
            yield break;
        }
        foreach (var attachment in stack.OfType(RolePolicyAttachment).Where(a => a.String("role") == role))
            yield return $"has the managed policy {attachment.String("policyArn")} attached";
        var artifacts = ArtifactLocation(canary);
        foreach (var policy in policies)
        {
            var document = ParseJson(policy.String("policy"));
            if (document is null)
            {
                yield return $"has a policy '{policy.Name}' that is not JSON";
                continue;
            }
            using (document)
            {
                var statements = document.RootElement.TryGetProperty("Statement", out var list)
                    ? list.ValueKind == System.Text.Json.JsonValueKind.Array ? list.EnumerateArray().ToList() : new List<System.Text.Json.JsonElement> { list }
                    : new List<System.Text.Json.JsonElement>();
                foreach (var statement in statements.Where(s => !s.TryGetProperty("Effect", out var effect) || effect.GetString() != "Deny"))
                {
                    if (statement.TryGetProperty("NotAction", out _) || statement.TryGetProperty("NotResource", out _))
                    {
                        yield return $"allows by exclusion (NotAction or NotResource) in '{policy.Name}'";
                        continue;
                    }
                    var actions = statement.TryGetProperty("Action", out var action) ? Texts(action).ToList() : new List<string>();
                    var resources = statement.TryGetProperty("Resource", out var resource) ? Texts(resource).ToList() : new List<string>();
                    foreach (var extra in actions.Where(a => !CanaryActions.Contains(a)))
                        yield return $"allows {extra}, which a canary does not need";
                    if (resources.Contains("*"))
                    {
                        foreach (var broad in actions.Where(a => CanaryActions.Contains(a) && !CanaryActionsOnEveryResource.Contains(a)))
                            yield return $"allows {broad} on every resource";
                        if (actions.Contains("cloudwatch:PutMetricData", StringComparer.OrdinalIgnoreCase) && !PublishesOnlySyntheticsMetrics(statement))
                            yield return "allows cloudwatch:PutMetricData beyond the CloudWatchSynthetics namespace";
                    }
                    foreach (var written in actions.Where(a => a.Equals("s3:PutObject", StringComparison.OrdinalIgnoreCase) || a.Equals("s3:GetObject", StringComparison.OrdinalIgnoreCase)))
                    {
                        var inside = artifacts is { } location ? $":s3:::{location.Bucket}/{(location.Folder.Length > 0 ? location.Folder + "/" : "")}" : null;
                        foreach (var outside in resources.Where(r => r != "*" && (inside is null || !r.Contains(inside, StringComparison.Ordinal))))
                            yield return $"allows {written} on {outside}, outside its artifact location";
                    }
                    foreach (var wildcard in resources.Where(r => r != "*" && r.Contains('*', StringComparison.Ordinal) && actions.Any(a => a.StartsWith("ssm:", StringComparison.OrdinalIgnoreCase) || a.StartsWith("kms:", StringComparison.OrdinalIgnoreCase))))
                        yield return $"allows {string.Join(", ", actions)} on the wildcard {wildcard}";
                }
            }
        }
    }

    private static System.Text.Json.JsonDocument? ParseJson(string? text)
    {
        try
        {
            return System.Text.Json.JsonDocument.Parse(text ?? "");
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static bool PublishesOnlySyntheticsMetrics(System.Text.Json.JsonElement statement) =>
        statement.TryGetProperty("Condition", out var condition) && condition.TryGetProperty("StringEquals", out var equals)
        && equals.EnumerateObject().Any(c => c.Name.Equals("cloudwatch:namespace", StringComparison.OrdinalIgnoreCase) && Texts(c.Value).All(v => v == "CloudWatchSynthetics"));

    /// <summary>HTTPS listeners negotiate TLS 1.2 or newer only.</summary>
    public static readonly PolicyRule ListenerTls = new("MRI-LB-01", PolicySeverity.Error, "HTTPS listeners with a TLS 1.2+ policy",
        "CKV_AWS_103", "AVD-AWS-0047", "none")
    {
        Evaluate = (stack, rule) => stack.OfType(Listener).Where(l => l.String("protocol") == "HTTPS" && !IsModernTlsPolicy(l.String("sslPolicy")))
            .Select(l => rule.Violation(l, "sslPolicy", $"is '{l.String("sslPolicy") ?? "the default"}', which allows TLS older than 1.2")),
    };

    /// <summary>The TLS 1.2+ ELB security policies.</summary>
    public static bool IsModernTlsPolicy(string? policy) =>
        policy is not null && (policy.Contains("TLS13", StringComparison.Ordinal) || policy.Contains("-1-2-", StringComparison.Ordinal));

    /// <summary>Plain HTTP listeners serve nothing: they only redirect to HTTPS.</summary>
    public static readonly PolicyRule HttpOnlyRedirects = new("MRI-LB-02", PolicySeverity.Error, "plain HTTP listeners only redirect to HTTPS",
        "CKV2_AWS_20, CKV_AWS_2", "AVD-AWS-0054", "alb-http-to-https-redirection")
    {
        Evaluate = (stack, rule) => stack.OfType(Listener).Where(l => l.String("protocol") == "HTTP")
            .Where(l => l.Maps("defaultActions").Any(a => a.GetValueOrDefault("type") as string != "redirect" ||
                (PolicyResource.AsMap(a.GetValueOrDefault("redirect"))?.GetValueOrDefault("protocol") as string) != "HTTPS"))
            .Select(l => rule.Violation(l, "defaultActions",
                "serves plain HTTP instead of redirecting to HTTPS (set the stack's domain, e.g. pulumi config set domain example.com, for a certificate and an HTTPS listener)")),
    };

    /// <summary>Application load balancers drop malformed headers (request smuggling).</summary>
    public static readonly PolicyRule DropInvalidHeaders = new("MRI-LB-03", PolicySeverity.Error, "load balancers drop invalid headers",
        "CKV_AWS_131", "AVD-AWS-0052", "none")
    {
        Evaluate = (stack, rule) => stack.OfType(LoadBalancer).Where(lb => lb.String("loadBalancerType") is null or "application" && lb.Bool("dropInvalidHeaderFields") != true)
            .Select(lb => rule.Violation(lb, "dropInvalidHeaderFields", "is not true")),
    };

    /// <summary>Prod load balancers cannot be deleted by a stray API call.</summary>
    public static readonly PolicyRule LoadBalancerDeletionProtection = new("MRI-LB-04", PolicySeverity.Error, "load balancer deletion protection in prod",
        "CKV_AWS_150", "none", "elb-deletion-protection-enabled")
    {
        Evaluate = (stack, rule) => stack.IsProd
            ? stack.OfType(LoadBalancer).Where(lb => lb.Bool("enableDeletionProtection") != true)
                .Select(lb => rule.Violation(lb, "enableDeletionProtection", "is not true in prod"))
            : Enumerable.Empty<Violation>(),
    };

    /// <summary>Prod load balancers record every request.</summary>
    public static readonly PolicyRule LoadBalancerAccessLogs = new("MRI-LB-06", PolicySeverity.Error, "load balancer access logs in prod",
        "CKV_AWS_91", "none", "elb-logging-enabled")
    {
        Evaluate = (stack, rule) => stack.IsProd
            ? stack.OfType(LoadBalancer).Where(lb => lb.Bool("accessLogs.enabled") != true || lb.String("accessLogs.bucket") is not { Length: > 0 })
                .Select(lb => rule.Violation(lb, "accessLogs", "are off in prod: nothing records the requests it served or refused"))
            : Enumerable.Empty<Violation>(),
    };

    /// <summary>A listener whose rules pick the requests to serve does not serve every other request by
    /// default, or its rules filter nothing (behind CloudFront: edge.originHeaderRequired false, meant
    /// only for an upgrade). A listener's ID is its ARN, which its rules name.</summary>
    public static readonly PolicyRule ListenerRulesFilter = new("MRI-LB-07", PolicySeverity.Warning, "listeners with forwarding rules do not forward by default",
        "none", "none", "none")
    {
        Evaluate = (stack, rule) => stack.OfType(Listener)
            .Where(l => l.Maps("defaultActions").Any(a => a.GetValueOrDefault("type") as string == "forward")
                && stack.OfType(ListenerRule).Any(r => r.String("listenerArn") == l.Id && r.Maps("actions").Any(a => a.GetValueOrDefault("type") as string == "forward")))
            .Select(l => rule.Violation(l, "defaultActions", "forward every request, so its forwarding rules refuse nothing (behind CloudFront: set edge.originHeaderRequired to true once the global stack sends the origin header)")),
    };

    /// <summary>Target groups check their targets' health on a path.</summary>
    public static readonly PolicyRule TargetGroupHealthCheck = new("MRI-LB-05", PolicySeverity.Error, "target groups health-check",
        "CKV_AWS_261", "none", "none")
    {
        Evaluate = (stack, rule) => stack.OfType(TargetGroup)
            .Where(tg => PolicyResource.AsMap(tg.Get("healthCheck")) is not { } check || check.GetValueOrDefault("enabled") as bool? == false || check.GetValueOrDefault("path") is not string { Length: > 0 })
            .Select(tg => rule.Violation(tg, "healthCheck", "is missing, disabled or has no path")),
    };

    /// <summary>Every security group and rule says what it is for.</summary>
    public static readonly PolicyRule SecurityGroupDescriptions = new("MRI-SG-01", PolicySeverity.Warning, "a description on every security group rule",
        "CKV_AWS_23", "AVD-AWS-0124", "none")
    {
        Evaluate = (stack, rule) =>
            stack.Resources.Where(r => r.Type is IngressRule or EgressRule or SecurityGroup && r.String("description") is not { Length: > 0 })
                .Select(r => rule.Violation(r, "description", "is empty"))
            .Concat(stack.OfType(SecurityGroup).SelectMany(g => g.Maps("ingress").Concat(g.Maps("egress"))
                .Where(inline => inline.GetValueOrDefault("description") is not string { Length: > 0 })
                .Select(_ => rule.Violation(g, "ingress/egress.description", "is empty on an inline rule")))),
    };

    private static bool IsOpenToTheWorld(PolicyResource rule) =>
        rule.String("cidrIpv4") == "0.0.0.0/0" || rule.String("cidrIpv6") == "::/0";

    private static (double From, double To) Ports(PolicyResource rule) =>
        rule.String("ipProtocol") == "-1" ? (0, 65535) : (rule.Number("fromPort") ?? 0, rule.Number("toPort") ?? 65535);

    /// <summary>Only load balancers take traffic from anywhere, and only on 80 and 443.</summary>
    public static readonly PolicyRule NoOpenIngress = new("MRI-SG-02", PolicySeverity.Error, "no 0.0.0.0/0 or ::/0 ingress except load balancer 80/443",
        "CKV_AWS_260, CKV_AWS_277", "none", "none")
    {
        Evaluate = (stack, rule) =>
        {
            var loadBalancerGroups = stack.OfType(LoadBalancer).SelectMany(lb => lb.List("securityGroups")).OfType<string>().ToHashSet();
            return stack.OfType(IngressRule).Where(IsOpenToTheWorld)
                .Where(r => !(loadBalancerGroups.Contains(r.String("securityGroupId") ?? "") && Ports(r) is (80, 80) or (443, 443)))
                .Select(r => rule.Violation(r, r.String("cidrIpv4") is null ? "cidrIpv6" : "cidrIpv4",
                    $"opens ports {Ports(r).From}-{Ports(r).To} to the internet; only a load balancer's 80 and 443 may be"));
        },
    };

    /// <summary>No SSH or RDP at all: instances are reached through SSM.</summary>
    public static readonly PolicyRule NoRemoteAdministration = new("MRI-SG-03", PolicySeverity.Error, "no SSH or RDP ingress",
        "CKV_AWS_24, CKV_AWS_25", "AVD-AWS-0107", "none")
    {
        Evaluate = (stack, rule) => stack.OfType(IngressRule)
            .Where(r => Ports(r) is var (from, to) && (from <= 22 && 22 <= to || from <= 3389 && 3389 <= to))
            .Select(r => rule.Violation(r, "fromPort", $"admits {(Ports(r).From <= 22 && 22 <= Ports(r).To ? "SSH (22)" : "RDP (3389)")}; use SSM Session Manager instead")),
    };

    /// <summary>Every VPC adopts its default security group with no rules, so nothing can fall back to it.</summary>
    public static readonly PolicyRule DefaultSecurityGroupClosed = new("MRI-SG-04", PolicySeverity.Error, "the default security group has no rules",
        "CKV2_AWS_12", "AVD-AWS-0173", "none")
    {
        Evaluate = (stack, rule) =>
            stack.OfType(DefaultSecurityGroup).Where(g => g.List("ingress").Count > 0 || g.List("egress").Count > 0)
                .Select(g => rule.Violation(g, "ingress/egress", "has rules; the default security group must allow nothing"))
            .Concat(stack.OfType(Vpc).Where(vpc => !stack.OfType(DefaultSecurityGroup).Any(g => g.String("vpcId") == vpc.Id))
                .Select(vpc => rule.Violation(vpc, "defaultSecurityGroupId", "keeps AWS's allow-all default security group rules (adopt it with a DefaultSecurityGroup without rules)"))),
    };

    /// <summary>Instances require IMDSv2 tokens and keep them from containers (hop limit 1).</summary>
    public static readonly PolicyRule Imdsv2 = new("MRI-EC2-01", PolicySeverity.Error, "IMDSv2 required with hop limit 1",
        "CKV_AWS_79, CKV_AWS_341", "AVD-AWS-0130", "none")
    {
        Evaluate = (stack, rule) => stack.OfType(LaunchTemplate)
            .Where(t => t.String("metadataOptions.httpTokens") != "required" || t.Number("metadataOptions.httpPutResponseHopLimit") != 1)
            .Select(t => rule.Violation(t, "metadataOptions", $"has httpTokens '{t.String("metadataOptions.httpTokens") ?? "optional"}' and hop limit {t.Number("metadataOptions.httpPutResponseHopLimit")?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unset"}; required and 1 are needed")),
    };

    /// <summary>Every EBS volume is encrypted.</summary>
    public static readonly PolicyRule EncryptedVolumes = new("MRI-EC2-02", PolicySeverity.Error, "encrypted EBS volumes",
        "CKV_AWS_8", "AVD-AWS-0008, AVD-AWS-0131", "encrypted-volumes")
    {
        Evaluate = (stack, rule) => stack.OfType(LaunchTemplate)
            .Where(t => t.Maps("blockDeviceMappings").Count == 0 || t.Maps("blockDeviceMappings").Any(m => PolicyResource.AsMap(m.GetValueOrDefault("ebs"))?.GetValueOrDefault("encrypted") as string != "true"))
            .Select(t => rule.Violation(t, "blockDeviceMappings.ebs.encrypted", "is not \"true\" for every volume")),
    };

    /// <summary>Instances get no public IP: not from their launch template, not from their subnet.</summary>
    public static readonly PolicyRule NoPublicIps = new("MRI-EC2-03", PolicySeverity.Error, "no public IPs on instances",
        "CKV_AWS_88, CKV_AWS_130", "AVD-AWS-0009, AVD-AWS-0164", "ec2-instance-no-public-ip")
    {
        Evaluate = (stack, rule) =>
            stack.OfType(LaunchTemplate).Where(t => t.Maps("networkInterfaces").Any(n => n.GetValueOrDefault("associatePublicIpAddress") as string == "true"))
                .Select(t => rule.Violation(t, "networkInterfaces.associatePublicIpAddress", "gives instances a public IP"))
            .Concat(stack.OfType(Subnet).Where(s => s.Bool("mapPublicIpOnLaunch") == true)
                .Select(s => rule.Violation(s, "mapPublicIpOnLaunch", "gives every instance launched in it a public IP"))),
    };

    /// <summary>Every VPC records its traffic.</summary>
    public static readonly PolicyRule VpcFlowLogs = new("MRI-VPC-01", PolicySeverity.Error, "VPC flow logs on",
        "CKV2_AWS_11", "AVD-AWS-0178", "vpc-flow-logs-enabled")
    {
        Evaluate = (stack, rule) => stack.OfType(Vpc).Where(vpc => !stack.OfType(FlowLog).Any(f => f.String("vpcId") == vpc.Id))
            .Select(vpc => rule.Violation(vpc, "flow logs", "has no flow log")),
    };

    /// <summary>Customer-managed keys rotate yearly.</summary>
    public static readonly PolicyRule KmsRotation = new("MRI-KMS-01", PolicySeverity.Error, "KMS key rotation on",
        "CKV_AWS_7", "AVD-AWS-0065", "cmk-backing-key-rotation-enabled")
    {
        Evaluate = (stack, rule) => stack.OfType(KmsKey).Where(k => k.Bool("enableKeyRotation") != true)
            .Select(k => rule.Violation(k, "enableKeyRotation", "is not true")),
    };

    private const string SnsTopic = "aws:sns/topic:Topic";
    private const string MetricAlarm = "aws:cloudwatch/metricAlarm:MetricAlarm";
    private const string KmsAlias = "aws:kms/alias:Alias";
    private const string CloudWatchAlarms = "cloudwatch.amazonaws.com";

    /// <summary>Topics are encrypted with a customer managed key, and every alarm can reach its topics:
    /// CloudWatch may use the topic's key (an AWS managed key such as alias/aws/sns never admits it) and,
    /// when the topic has a policy, publish to it. An alarm links to a topic by the explicit name at the
    /// end of the topic's ARN, a topic to its key by the key's ID at the end of kmsMasterKeyId (or an alias).</summary>
    public static readonly PolicyRule AlarmTopicsReachable = new("MRI-SNS-01", PolicySeverity.Error, "SNS topics on a customer managed key; alarms' topics let CloudWatch use the key and publish",
        "CKV_AWS_26", "AVD-AWS-0095, AVD-AWS-0136", "none")
    {
        Evaluate = (stack, rule) =>
            stack.OfType(SnsTopic).Where(t => !OnCustomerManagedKey(t))
                .Select(t => rule.Violation(t, "kmsMasterKeyId", t.String("kmsMasterKeyId") is { Length: > 0 } key
                    ? $"is '{key}', an AWS managed key: its policy cannot admit {CloudWatchAlarms} or other publishing services"
                    : "is unset: the topic is not encrypted"))
            .Concat(stack.OfType(MetricAlarm).SelectMany(alarm => UnreachableTopics(stack, alarm)
                .Select(p => rule.Violation(alarm, p.Property, $"{p.Problem}: the alarm can never notify")))),
    };

    private static bool OnCustomerManagedKey(PolicyResource topic) =>
        topic.String("kmsMasterKeyId") is { Length: > 0 } key && !key.Contains("alias/aws/", StringComparison.Ordinal);

    /// <summary>The topics an alarm names that CloudWatch cannot publish to, once each.</summary>
    private static IEnumerable<(string Property, string Problem)> UnreachableTopics(PolicyStack stack, PolicyResource alarm)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in new[] { "alarmActions", "okActions", "insufficientDataActions" })
        {
            foreach (var arn in alarm.List(property).OfType<string>().Where(a => a.Split(':') is { Length: 6 } parts && parts[2] == "sns" && seen.Add(a)))
            {
                var name = arn[(arn.LastIndexOf(':') + 1)..];
                var topic = stack.OfType(SnsTopic).FirstOrDefault(t => t.String("name") == name);
                if (topic is null)
                {
                    yield return (property, $"names topic '{name}', which this stack does not create under that name, so its key cannot be checked");
                    continue;
                }
                if (!OnCustomerManagedKey(topic))
                    continue; // the topic's own finding says why
                var keyReference = topic.String("kmsMasterKeyId")!;
                var key = KeyOf(stack, keyReference);
                if (key is null)
                    yield return (property, $"names topic '{name}', whose key '{keyReference}' this stack does not create, so its policy cannot be checked");
                else if (!PolicyAllows(key.String("policy"), CloudWatchAlarms, "kms:GenerateDataKey", "kms:Decrypt"))
                    yield return (property, $"names topic '{name}', whose key '{key.Name}' does not let {CloudWatchAlarms} call kms:GenerateDataKey and kms:Decrypt");
                else if (topic.String("policy") is { } topicPolicy && !PolicyAllows(topicPolicy, CloudWatchAlarms, "sns:Publish"))
                    yield return (property, $"names topic '{name}', whose policy does not let {CloudWatchAlarms} publish");
            }
        }
    }

    /// <summary>The stack's key a kmsMasterKeyId names: a key ARN or ID ends with the key's ID; an alias
    /// (name or ARN) is followed to the key it targets.</summary>
    private static PolicyResource? KeyOf(PolicyStack stack, string reference)
    {
        var aliasAt = reference.IndexOf("alias/", StringComparison.Ordinal);
        var target = aliasAt >= 0
            ? stack.OfType(KmsAlias).FirstOrDefault(a => a.String("name") == reference[aliasAt..])?.String("targetKeyId")
            : reference;
        if (target is null)
            return null;
        var id = target[(target.LastIndexOf('/') + 1)..];
        return stack.OfType(KmsKey).FirstOrDefault(k => k.Id.Length > 0 && k.Id == id);
    }

    /// <summary>Whether a policy document has an Allow statement for a service principal (or everyone)
    /// covering every one of the actions, wildcards included; conditions are not evaluated.</summary>
    private static bool PolicyAllows(string? policy, string service, params string[] actions)
    {
        if (policy is null)
            return false;
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(policy);
            if (!document.RootElement.TryGetProperty("Statement", out var statements))
                return false;
            var allowed = (statements.ValueKind == System.Text.Json.JsonValueKind.Array ? statements.EnumerateArray().ToList() : new List<System.Text.Json.JsonElement> { statements })
                .Where(s => s.TryGetProperty("Effect", out var effect) && effect.GetString() == "Allow" && s.TryGetProperty("Principal", out var principal) && Admits(principal, service))
                .SelectMany(s => s.TryGetProperty("Action", out var action) ? Texts(action) : Enumerable.Empty<string>())
                .ToList();
            return actions.All(action => allowed.Any(pattern => WildcardMatches(pattern, action)));
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static bool Admits(System.Text.Json.JsonElement principal, string service) => principal.ValueKind switch
    {
        System.Text.Json.JsonValueKind.String => principal.GetString() == "*",
        System.Text.Json.JsonValueKind.Object =>
            (principal.TryGetProperty("Service", out var services) && Texts(services).Contains(service))
            || (principal.TryGetProperty("AWS", out var aws) && Texts(aws).Contains("*")),
        _ => false,
    };

    private static IEnumerable<string> Texts(System.Text.Json.JsonElement element) => element.ValueKind == System.Text.Json.JsonValueKind.Array
        ? element.EnumerateArray().Select(e => e.GetString() ?? "")
        : new[] { element.GetString() ?? "" };

    /// <summary>IAM action matching: case-insensitive, * any run of characters, ? one.</summary>
    private static bool WildcardMatches(string pattern, string action) =>
        System.Text.RegularExpressions.Regex.IsMatch(action,
            "^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    // ---------------------------------------------------------------- Amazon Managed Service for Prometheus
    private const string AmpWorkspace = "aws:amp/workspace:Workspace";
    private const string AmpAlertManager = "aws:amp/alertManagerDefinition:AlertManagerDefinition";
    private const string PrometheusService = "aps.amazonaws.com";

    /// <summary>A workspace is encrypted with a customer managed key of this stack (rotating, per MRI-KMS-01),
    /// not AWS's own key, which cannot be audited, disabled or revoked; the choice is made when the
    /// workspace is created and never changes.</summary>
    public static readonly PolicyRule PrometheusWorkspaceKey = new("MRI-APS-01", PolicySeverity.Error, "Prometheus workspaces encrypted with a customer managed key of their stack",
        "none", "none", "none")
    {
        Evaluate = (stack, rule) => stack.OfType(AmpWorkspace)
            .Select(w => (Workspace: w, Key: w.String("kmsKeyArn")))
            .Where(w => w.Key is not { Length: > 0 } || KeyOf(stack, w.Key) is null)
            .Select(w => rule.Violation(w.Workspace, "kmsKeyArn", w.Key is { Length: > 0 } key
                ? $"is '{key}', a key this stack does not create, so its rotation and policy cannot be checked"
                : "is unset: the workspace is on an AWS owned key, which cannot be audited or revoked (and a workspace never changes its key)")),
    };

    /// <summary>Whoever may send metrics may only remote-write, and only to named workspaces: no other aps
    /// action (querying, deleting, changing rules), no wildcard in the action or the workspace.</summary>
    public static readonly PolicyRule PrometheusRemoteWriteOnly = new("MRI-APS-02", PolicySeverity.Error, "IAM grants of Prometheus are aps:RemoteWrite on named workspaces only",
        "none", "none", "none")
    {
        Evaluate = (stack, rule) => stack.OfType(RolePolicy)
            .Select(p => (Policy: p, Problems: PrometheusGrantProblems(p.String("policy")).ToList()))
            .Where(p => p.Problems.Count > 0)
            .Select(p => rule.Violation(p.Policy, "policy", string.Join("; ", p.Problems))),
    };

    /// <summary>The problems of the statements of a policy document that allow an aps action.</summary>
    private static IEnumerable<string> PrometheusGrantProblems(string? policy)
    {
        if (policy is null)
            yield break;
        System.Text.Json.JsonDocument document;
        try
        {
            document = System.Text.Json.JsonDocument.Parse(policy);
        }
        catch (System.Text.Json.JsonException)
        {
            yield break;
        }
        using (document)
        {
            if (!document.RootElement.TryGetProperty("Statement", out var statements))
                yield break;
            var list = statements.ValueKind == System.Text.Json.JsonValueKind.Array ? statements.EnumerateArray().ToList() : new List<System.Text.Json.JsonElement> { statements };
            foreach (var statement in list.Where(s => s.TryGetProperty("Effect", out var effect) && effect.GetString() == "Allow"))
            {
                var actions = statement.TryGetProperty("Action", out var action) ? Texts(action).ToList() : new List<string>();
                var prometheus = actions.Where(a => a.StartsWith("aps:", StringComparison.OrdinalIgnoreCase) || a == "*").ToList();
                if (prometheus.Count == 0)
                    continue;
                var label = statement.TryGetProperty("Sid", out var sid) ? $"statement '{sid.GetString()}'" : "a statement";
                foreach (var other in prometheus.Where(a => !string.Equals(a, "aps:RemoteWrite", StringComparison.OrdinalIgnoreCase)))
                    yield return $"{label} allows '{other}'; allowed: aps:RemoteWrite only";
                var resources = statement.TryGetProperty("Resource", out var resource) ? Texts(resource).ToList() : new List<string>();
                foreach (var target in resources.Where(r => !IsWorkspaceArn(r)))
                    yield return $"{label} lets it remote-write to '{target}'; allowed: the ARN of one workspace (arn:aws:aps:<region>:<account>:workspace/ws-...), no wildcard";
            }
        }
    }

    private static bool IsWorkspaceArn(string arn) =>
        System.Text.RegularExpressions.Regex.IsMatch(arn, @"^arn:aws(-cn|-us-gov)?:aps:[a-z0-9-]+:[0-9]{12}:workspace/ws-[A-Za-z0-9-]+$",
            System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));

    /// <summary>Every alert manager can notify: each SNS receiver signs for a region (the service refuses one
    /// without), names a topic of this stack, whose key lets Prometheus generate data keys and decrypt and
    /// whose policy lets it publish and read the topic's attributes.</summary>
    public static readonly PolicyRule PrometheusAlertsReachTopics = new("MRI-APS-03", PolicySeverity.Error, "alert managers' SNS topics let Prometheus use the key and publish",
        "none", "none", "none")
    {
        Evaluate = (stack, rule) => stack.OfType(AmpAlertManager)
            .Select(a => (AlertManager: a, Problems: AlertManagerProblems(stack, a.String("definition")).ToList()))
            .Where(a => a.Problems.Count > 0)
            .Select(a => rule.Violation(a.AlertManager, "definition", $"{string.Join("; ", a.Problems)}: its alerts never arrive")),
    };

    /// <summary>What keeps an alert manager definition's SNS receivers from delivering.</summary>
    private static IEnumerable<string> AlertManagerProblems(PolicyStack stack, string? definition)
    {
        var receivers = SnsReceivers(definition);
        if (receivers is null)
        {
            yield return "is not an alert manager definition with an alertmanager_config";
            yield break;
        }
        foreach (var (arn, region) in receivers)
        {
            if (region is not { Length: > 0 })
                yield return $"sends to '{arn}' without a sigv4 region";
            var name = arn[(arn.LastIndexOf(':') + 1)..];
            var topic = stack.OfType(SnsTopic).FirstOrDefault(t => t.String("name") == name);
            if (topic is null)
            {
                yield return $"names topic '{name}', which this stack does not create under that name, so its key cannot be checked";
                continue;
            }
            if (!OnCustomerManagedKey(topic))
                continue; // MRI-SNS-01 says why
            var key = KeyOf(stack, topic.String("kmsMasterKeyId")!);
            if (key is null)
                yield return $"names topic '{name}', whose key this stack does not create, so its policy cannot be checked";
            else if (!PolicyAllows(key.String("policy"), PrometheusService, "kms:GenerateDataKey", "kms:Decrypt"))
                yield return $"names topic '{name}', whose key '{key.Name}' does not let {PrometheusService} call kms:GenerateDataKey and kms:Decrypt";
            else if (!PolicyAllows(topic.String("policy"), PrometheusService, "sns:Publish", "sns:GetTopicAttributes"))
                yield return $"names topic '{name}', whose policy does not let {PrometheusService} call sns:Publish and sns:GetTopicAttributes";
        }
    }

    /// <summary>The SNS receivers of an alert manager definition (its alertmanager_config is YAML in YAML):
    /// each topic's ARN and the region it is signed for; null when the definition has no configuration.</summary>
    private static List<(string TopicArn, string? Region)>? SnsReceivers(string? definition)
    {
        static YamlDotNet.RepresentationModel.YamlNode? Load(string text)
        {
            var yaml = new YamlDotNet.RepresentationModel.YamlStream();
            try
            {
                yaml.Load(new StringReader(text));
            }
            catch (YamlDotNet.Core.YamlException)
            {
                return null;
            }
            return yaml.Documents.Count == 0 ? null : yaml.Documents[0].RootNode;
        }
        static YamlDotNet.RepresentationModel.YamlNode? Child(YamlDotNet.RepresentationModel.YamlNode? node, string key) =>
            node is YamlDotNet.RepresentationModel.YamlMappingNode map && map.Children.TryGetValue(new YamlDotNet.RepresentationModel.YamlScalarNode(key), out var child) ? child : null;
        static IEnumerable<YamlDotNet.RepresentationModel.YamlNode> Items(YamlDotNet.RepresentationModel.YamlNode? node) =>
            node is YamlDotNet.RepresentationModel.YamlSequenceNode list ? list.Children : Enumerable.Empty<YamlDotNet.RepresentationModel.YamlNode>();

        if (definition is null || Child(Load(definition), "alertmanager_config") is not YamlDotNet.RepresentationModel.YamlScalarNode { Value: { } inner })
            return null;
        var configuration = Load(inner);
        if (configuration is null)
            return null;
        return Items(Child(configuration, "receivers"))
            .SelectMany(r => Items(Child(r, "sns_configs")))
            .Select(c => ((Child(c, "topic_arn") as YamlDotNet.RepresentationModel.YamlScalarNode)?.Value ?? "", (Child(Child(c, "sigv4"), "region") as YamlDotNet.RepresentationModel.YamlScalarNode)?.Value))
            .ToList();
    }

    private static IEnumerable<IReadOnlyDictionary<string, object?>> Behaviors(PolicyResource distribution) =>
        new[] { PolicyResource.AsMap(distribution.Get("defaultCacheBehavior")) }.Where(b => b is not null).Select(b => b!)
            .Concat(distribution.Maps("orderedCacheBehaviors"));

    /// <summary>Viewers are sent to HTTPS on every behaviour.</summary>
    public static readonly PolicyRule CloudFrontHttps = new("MRI-CF-01", PolicySeverity.Error, "CloudFront HTTPS viewer policy",
        "CKV_AWS_34", "AVD-AWS-0012", "none")
    {
        Evaluate = (stack, rule) => stack.OfType(Distribution)
            .Where(d => Behaviors(d).Any(b => b.GetValueOrDefault("viewerProtocolPolicy") as string is not ("redirect-to-https" or "https-only")))
            .Select(d => rule.Violation(d, "viewerProtocolPolicy", "allows plain HTTP on a behaviour")),
    };

    /// <summary>Viewers negotiate TLS 1.2 with the 2021 cipher set or newer.</summary>
    public static readonly PolicyRule CloudFrontTls = new("MRI-CF-02", PolicySeverity.Error, "CloudFront TLSv1.2_2021 minimum",
        "CKV_AWS_174", "AVD-AWS-0013", "none")
    {
        Evaluate = (stack, rule) => stack.OfType(Distribution)
            .Where(d => d.String("viewerCertificate.minimumProtocolVersion") is not ("TLSv1.2_2021" or "TLSv1.2_2025" or "TLSv1.3_2025") || d.Bool("viewerCertificate.cloudfrontDefaultCertificate") == true)
            .Select(d => rule.Violation(d, "viewerCertificate.minimumProtocolVersion", $"is '{d.String("viewerCertificate.minimumProtocolVersion") ?? "TLSv1 (the default)"}'; TLSv1.2_2021 or newer is needed")),
    };

    /// <summary>The default behaviour fails over: an origin group with failover codes and two members.</summary>
    public static readonly PolicyRule CloudFrontOriginFailover = new("MRI-CF-03", PolicySeverity.Error, "an origin group with failover criteria and two members",
        "CKV_AWS_310", "none", "none")
    {
        Evaluate = (stack, rule) => stack.OfType(Distribution)
            .Where(d => !d.Maps("originGroups").Any(g =>
                (PolicyResource.AsMap(g.GetValueOrDefault("failoverCriteria"))?.GetValueOrDefault("statusCodes") as System.Collections.IEnumerable)?.Cast<object>().Any() == true &&
                (g.GetValueOrDefault("members") as System.Collections.IEnumerable)?.Cast<object>().Count() >= 2))
            .Select(d => rule.Violation(d, "originGroups", "has no origin group with failover status codes and at least two members")),
    };

    /// <summary>CloudFront reaches custom origins over HTTPS only.</summary>
    public static readonly PolicyRule CloudFrontOriginHttps = new("MRI-CF-04", PolicySeverity.Error, "origins reached over HTTPS only",
        "CKV2_AWS_72", "none", "none")
    {
        Evaluate = (stack, rule) => stack.OfType(Distribution)
            .Where(d => d.Maps("origins").Any(o => PolicyResource.AsMap(o.GetValueOrDefault("customOriginConfig")) is { } custom && custom.GetValueOrDefault("originProtocolPolicy") as string != "https-only"))
            .Select(d => rule.Violation(d, "origins.customOriginConfig.originProtocolPolicy", "is not https-only for every custom origin")),
    };

    /// <summary>Prod distributions filter their viewers' requests through a WAF web ACL.</summary>
    public static readonly PolicyRule CloudFrontWaf = new("MRI-CF-05", PolicySeverity.Error, "a WAF web ACL on distributions in prod",
        "CKV_AWS_68", "AVD-AWS-0011", "none")
    {
        Evaluate = (stack, rule) => stack.IsProd
            ? stack.OfType(Distribution).Where(d => d.String("webAclId") is not { Length: > 0 })
                .Select(d => rule.Violation(d, "webAclId", "is empty in prod: no WAF filters the requests (set waf.enabled or cloudfront.webAclArn)"))
            : Enumerable.Empty<Violation>(),
    };

    /// <summary>CloudFront proves itself to every load balancer: each custom origin sends an origin header
    /// (a load balancer behind CloudFront answers 403 without one, since CloudFront's addresses are
    /// every AWS customer's).</summary>
    public static readonly PolicyRule CloudFrontOriginHeader = new("MRI-CF-06", PolicySeverity.Error, "custom origins send the secret origin header",
        "none", "none", "none")
    {
        Evaluate = (stack, rule) => stack.OfType(Distribution)
            .Where(d => d.Maps("origins").Any(o => o.ContainsKey("customOriginConfig")
                && !((o.GetValueOrDefault("customHeaders") as System.Collections.IEnumerable)?.Cast<object?>().Select(PolicyResource.AsMap)
                    .Any(h => h?.GetValueOrDefault("name") is string header && header.StartsWith(Security.OriginSecret.HeaderPrefix, StringComparison.Ordinal)) ?? false)))
            .Select(d => rule.Violation(d, "origins.customHeaders", $"lacks an {Security.OriginSecret.HeaderPrefix}<stack> header on a custom origin: its load balancer would answer 403")),
    };

    /// <summary>Every replica of a global table can be restored to any second of the last 35 days.</summary>
    public static readonly PolicyRule DynamoPointInTimeRecovery = new("MRI-DDB-01", PolicySeverity.Error, "DynamoDB point-in-time recovery",
        "CKV_AWS_28", "AVD-AWS-0024", "none")
    {
        Evaluate = (stack, rule) => stack.OfType(GlobalTable)
            .Where(t => t.Maps("replicas").Count == 0 || t.Maps("replicas").Any(r => PolicyResource.AsMap(r.GetValueOrDefault("pointInTimeRecoverySpecification"))?.GetValueOrDefault("pointInTimeRecoveryEnabled") as bool? != true))
            .Select(t => rule.Violation(t, "replicas.pointInTimeRecoverySpecification", "is not enabled on every replica")),
    };

    /// <summary>Global tables are encrypted with KMS.</summary>
    public static readonly PolicyRule DynamoEncryption = new("MRI-DDB-02", PolicySeverity.Error, "DynamoDB server-side encryption with KMS",
        "CKV_AWS_119", "AVD-AWS-0025", "dynamodb-table-encryption-enabled")
    {
        Evaluate = (stack, rule) => stack.OfType(GlobalTable)
            .Where(t => t.Bool("sseSpecification.sseEnabled") != true || t.String("sseSpecification.sseType") != "KMS")
            .Select(t => rule.Violation(t, "sseSpecification", "does not enable KMS encryption")),
    };

    /// <summary>In prod nothing stateful can be deleted by a `pulumi up` or `destroy`.</summary>
    public static readonly PolicyRule ProtectStateful = new("MRI-GEN-01", PolicySeverity.Error, "stateful resources protected in prod",
        "none", "none", "none")
    {
        Evaluate = (stack, rule) => stack.IsProd
            ? stack.Resources.Where(r => r.Type is Rds or GlobalTable or KmsKey or AuroraCluster or AuroraInstance or AuroraGlobalCluster or EcrRepository && !r.Protect)
                .Select(r => rule.Violation(r, "protect", "is not set in prod (Pulumi would delete it on a replace or destroy)"))
            : Enumerable.Empty<Violation>(),
    };

    /// <summary>Every taggable resource has the standard tags.</summary>
    public static readonly PolicyRule StandardTags = new("MRI-GEN-02", PolicySeverity.Error, "standard tags on every taggable resource",
        "none", "none", "none")
    {
        Evaluate = (stack, rule) => stack.Resources.Where(r => r.Taggable)
            .Select(r => (Resource: r, Missing: StackContext.StandardTagKeys.Where(key => !TagsOf(r).ContainsKey(key)).ToList()))
            .Where(t => t.Missing.Count > 0)
            .Select(t => rule.Violation(t.Resource, "tags", $"lacks {string.Join(", ", t.Missing)}")),
    };

    /// <summary>A resource's tags; auto scaling groups list theirs as key/value pairs.</summary>
    public static IReadOnlyDictionary<string, object?> TagsOf(PolicyResource resource) =>
        PolicyResource.AsMap(resource.Get("tags"))
        ?? resource.Maps("tags").Where(t => t.GetValueOrDefault("key") is string).ToDictionary(t => (string)t["key"]!, t => t.GetValueOrDefault("value"));

    // Rehearsals (AWS FIS): experiments stop on alarms, and act only on their region's resources of one stack.
    private const string ExperimentTemplate = "aws:fis/experimentTemplate:ExperimentTemplate";
    private const string IamRole = "aws:iam/role:Role";

    /// <summary>Every experiment stops by itself when a CloudWatch alarm of its region fires: no
    /// "none" stop condition, none without an alarm FIS can read (FIS watches alarms of its own region).</summary>
    public static readonly PolicyRule ExperimentStopConditions = new("MRI-FIS-01", PolicySeverity.Error, "FIS experiments stop on CloudWatch alarms of their region",
        "none", "none", "none")
    {
        Evaluate = (stack, rule) => stack.OfType(ExperimentTemplate)
            .Select(t => (Template: t, Problem: StopConditionProblem(t, t.String("region") ?? stack.Region)))
            .Where(p => p.Problem is not null)
            .Select(p => rule.Violation(p.Template, "stopConditions", p.Problem!)),
    };

    private static string? StopConditionProblem(PolicyResource template, string region)
    {
        var conditions = template.Maps("stopConditions");
        if (conditions.Count == 0)
            return "is empty: nothing stops the experiment before its actions end";
        foreach (var condition in conditions)
        {
            var source = condition.GetValueOrDefault("source") as string;
            var value = condition.GetValueOrDefault("value") as string;
            if (source != "aws:cloudwatch:alarm")
                return $"has the source '{source ?? "(none)"}': every stop condition must be a CloudWatch alarm (aws:cloudwatch:alarm)";
            if (value?.Split(':') is not { Length: >= 7 } parts || parts[2] != "cloudwatch" || parts[5] != "alarm")
                return $"names '{value ?? "(nothing)"}', not a CloudWatch alarm's ARN";
            if (parts[3] != region)
                return $"names the alarm '{value}' of {parts[3]}: FIS watches alarms of the experiment's region, {region}";
        }
        return null;
    }

    /// <summary>An experiment's role is FIS's alone (trusted by fis.amazonaws.com for one account) and
    /// least-privilege: no wildcard actions; resources only as ARNs of the experiment's region and account,
    /// each statement on wildcard ARNs held to the rehearsed stack by a condition (its Stack tag, its VPC, or
    /// the tag FIS puts on what it creates); a statement on "*" (calls that take no resource) held to the
    /// region by aws:RequestedRegion.</summary>
    public static readonly PolicyRule ExperimentRoleLeastPrivilege = new("MRI-FIS-02", PolicySeverity.Error, "FIS experiment roles act only on their region's resources of the rehearsed stack",
        "CKV_AWS_355, CKV_AWS_290", "AVD-AWS-0057", "none")
    {
        Evaluate = (stack, rule) => stack.OfType(ExperimentTemplate).SelectMany(template =>
        {
            var roleArn = template.String("roleArn") ?? "";
            var roleName = roleArn[(roleArn.LastIndexOf('/') + 1)..];
            var role = stack.OfType(IamRole).FirstOrDefault(r => r.Id == roleName || r.Name == roleName || r.String("name") == roleName);
            if (role is null)
                return new[] { rule.Violation(template, "roleArn", $"is '{roleArn}', a role this stack does not create, so its permissions cannot be checked") };
            var region = template.String("region") ?? stack.Region;
            var stackTag = template.Maps("targets").SelectMany(t => t.GetValueOrDefault("resourceTags") as System.Collections.IEnumerable is { } tags
                    ? tags.Cast<object?>().Select(PolicyResource.AsMap) : Enumerable.Empty<IReadOnlyDictionary<string, object?>?>())
                .Where(t => t?.GetValueOrDefault("key") as string == "Stack").Select(t => t!.GetValueOrDefault("value") as string).FirstOrDefault();
            return RoleProblems(role, region, stackTag).Select(p => rule.Violation(role, p.Property, p.Problem));
        }).DistinctBy(v => (v.Resource.Name, v.Message)), // a role serves several templates: each problem once
    };

    private static IEnumerable<(string Property, string Problem)> RoleProblems(PolicyResource role, string region, string? stackTag)
    {
        if (!TrustsOnlyFis(role.String("assumeRolePolicy")))
            yield return ("assumeRolePolicy", "does not admit fis.amazonaws.com alone, for one account (aws:SourceAccount)");
        var policies = role.Maps("inlinePolicies").Select(p => p.GetValueOrDefault("policy") as string).Where(p => p is not null).ToList();
        if (policies.Count == 0)
            yield return ("inlinePolicies", "are missing: the experiments could do nothing (or act through policies this stack cannot check)");
        foreach (var statement in policies.SelectMany(p => Statements(p!)).Where(s => s.TryGetProperty("Effect", out var e) && e.GetString() == "Allow"))
        {
            var sid = statement.TryGetProperty("Sid", out var id) ? id.GetString() : "(no Sid)";
            var actions = statement.TryGetProperty("Action", out var a) ? Texts(a).ToList() : new List<string>();
            var resources = statement.TryGetProperty("Resource", out var r) ? Texts(r).ToList() : new List<string>();
            var conditions = statement.TryGetProperty("Condition", out var c) ? ConditionValues(c) : new Dictionary<string, string>();
            if (actions.FirstOrDefault(action => action == "*" || action.EndsWith(":*", StringComparison.Ordinal)) is { } wildcard)
                yield return ("inlinePolicies", $"statement {sid} allows '{wildcard}': every action of a service");
            foreach (var resource in resources.Where(x => x != "*"))
            {
                if (resource.Split(':') is not { Length: >= 6 } parts || parts[3] != region || parts[4] is "" or "*")
                    yield return ("inlinePolicies", $"statement {sid} reaches '{resource}', outside {region} or of any account");
            }
            if (resources.Contains("*") && conditions.GetValueOrDefault("aws:RequestedRegion") != region)
                yield return ("inlinePolicies", $"statement {sid} allows {string.Join(", ", actions)} on every resource without holding them to {region} (aws:RequestedRegion)");
            var scoped = stackTag is not null && conditions.Any(kv => kv.Key.EndsWith("ResourceTag/Stack", StringComparison.Ordinal) && kv.Value == stackTag)
                || conditions.Any(kv => kv.Key.EndsWith("Tag/managedByFIS", StringComparison.Ordinal) && kv.Value == "true")
                || conditions.ContainsKey("ec2:Vpc");
            if (resources.Any(x => x != "*" && x.Contains('*', StringComparison.Ordinal)) && !scoped)
                yield return ("inlinePolicies", $"statement {sid} allows {string.Join(", ", actions)} on every matching resource of the region: hold it to the stack {stackTag ?? "(no Stack tag in the targets)"} by its Stack tag, its VPC (ec2:Vpc) or FIS's managedByFIS tag");
        }
    }

    private static bool TrustsOnlyFis(string? policy)
    {
        var statements = policy is null ? new List<System.Text.Json.JsonElement>() : Statements(policy).ToList();
        return statements.Count > 0 && statements.All(s =>
            s.TryGetProperty("Principal", out var principal) && principal.ValueKind == System.Text.Json.JsonValueKind.Object
            && principal.TryGetProperty("Service", out var service) && Texts(service).All(x => x == "fis.amazonaws.com")
            && !principal.TryGetProperty("AWS", out _)
            && s.TryGetProperty("Condition", out var condition) && ConditionValues(condition).ContainsKey("aws:SourceAccount"));
    }

    private static IEnumerable<System.Text.Json.JsonElement> Statements(string policy)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(policy);
            if (!document.RootElement.TryGetProperty("Statement", out var statements))
                return Array.Empty<System.Text.Json.JsonElement>();
            return (statements.ValueKind == System.Text.Json.JsonValueKind.Array ? statements.EnumerateArray().ToList() : new List<System.Text.Json.JsonElement> { statements })
                .Select(s => s.Clone()).ToList();
        }
        catch (System.Text.Json.JsonException)
        {
            return Array.Empty<System.Text.Json.JsonElement>();
        }
    }

    /// <summary>A statement's condition keys and their (first) values, whatever the operator.</summary>
    private static Dictionary<string, string> ConditionValues(System.Text.Json.JsonElement condition) =>
        condition.ValueKind != System.Text.Json.JsonValueKind.Object
            ? new Dictionary<string, string>()
            : condition.EnumerateObject().Where(o => o.Value.ValueKind == System.Text.Json.JsonValueKind.Object)
                .SelectMany(o => o.Value.EnumerateObject())
                .GroupBy(k => k.Name, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => Texts(g.First().Value).FirstOrDefault() ?? "", StringComparer.Ordinal);

    // ARC Region switch: the plan decides with a person before a database changes hands, and runs as a
    // role that changes only the resources it names.
    private const string SwitchPlan = "aws-native:arcregionswitch:Plan";
    private const string SwitchService = "arc-region-switch.amazonaws.com";

    /// <summary>Execution blocks that change which database writes (a custom action may do anything).</summary>
    private static readonly IReadOnlySet<string> DatabaseBlocks = new HashSet<string>(StringComparer.Ordinal) { "RdsPromoteReadReplica", "AuroraGlobalDatabase", "CustomActionLambda" };

    /// <summary>Every workflow of a Region switch plan has a manual approval before its first step that
    /// changes a database: ungracefully run, such a step loses what had not replicated, which a person decides.</summary>
    public static readonly PolicyRule SwitchApprovalFirst = new("MRI-ARC-01", PolicySeverity.Error, "Region switch plans approve before a database step",
        "none", "none", "none")
    {
        Evaluate = (stack, rule) => stack.OfType(SwitchPlan).SelectMany(plan => plan.Maps("workflows")
            .Select((workflow, index) => (Index: index, Step: UnapprovedDatabaseStep(StepsOf(workflow), false)))
            .Where(w => w.Step is not null)
            .Select(w => rule.Violation(plan, $"workflows[{w.Index}].steps",
                $"run '{w.Step}' before any ManualApproval step: an ungraceful execution would move the database's writer with no person deciding"))),
    };

    private static IReadOnlyList<IReadOnlyDictionary<string, object?>> StepsOf(IReadOnlyDictionary<string, object?> owner) =>
        (owner.GetValueOrDefault("steps") as System.Collections.IEnumerable)?.Cast<object?>().Select(PolicyResource.AsMap).Where(m => m is not null).Select(m => m!).ToList()
        ?? new List<IReadOnlyDictionary<string, object?>>();

    /// <summary>The first database step no approval precedes; a parallel step's branches run at once, so an
    /// approval among them precedes none of its siblings.</summary>
    private static string? UnapprovedDatabaseStep(IReadOnlyList<IReadOnlyDictionary<string, object?>> steps, bool approved)
    {
        foreach (var step in steps)
        {
            var type = step.GetValueOrDefault("executionBlockType") as string;
            if (type == "ManualApproval")
            {
                approved = true;
            }
            else if (type == "Parallel")
            {
                var parallel = PolicyResource.AsMap(PolicyResource.AsMap(step.GetValueOrDefault("executionBlockConfiguration"))?.GetValueOrDefault("parallelConfig"));
                var branches = parallel is null ? new List<IReadOnlyDictionary<string, object?>>() : StepsOf(parallel);
                if (UnapprovedDatabaseStep(branches.Where(b => b.GetValueOrDefault("executionBlockType") as string != "ManualApproval").ToList(), approved) is { } inside)
                    return inside;
            }
            else if (!approved && type is not null && DatabaseBlocks.Contains(type))
            {
                return step.GetValueOrDefault("name") as string ?? type;
            }
        }
        return null;
    }

    /// <summary>A role Region switch runs plans as may change only resources it names: no wildcard action,
    /// and "*" as a resource only for reads (Describe, Get, List) that take no resource-level permission.</summary>
    public static readonly PolicyRule SwitchExecutionRoleScoped = new("MRI-ARC-02", PolicySeverity.Error, "Region switch execution roles change only named resources",
        "none", "none", "none")
    {
        Evaluate = (stack, rule) => stack.OfType(IamRole).Where(role => PolicyAllows(role.String("assumeRolePolicy"), SwitchService, "sts:AssumeRole"))
            .SelectMany(role => role.Maps("inlinePolicies").SelectMany(policy => UnscopedGrants(policy.GetValueOrDefault("policy") as string))
                .Select(problem => rule.Violation(role, "inlinePolicies", problem))),
    };

    private static IEnumerable<string> UnscopedGrants(string? policy)
    {
        if (policy is null)
            yield break;
        using var document = System.Text.Json.JsonDocument.Parse(policy);
        if (!document.RootElement.TryGetProperty("Statement", out var statements))
            yield break;
        foreach (var statement in statements.ValueKind == System.Text.Json.JsonValueKind.Array ? statements.EnumerateArray().ToList() : new List<System.Text.Json.JsonElement> { statements })
        {
            if (!statement.TryGetProperty("Effect", out var effect) || effect.GetString() != "Allow")
                continue;
            var actions = statement.TryGetProperty("Action", out var action) ? Texts(action).ToList() : new List<string>();
            var resources = statement.TryGetProperty("Resource", out var resource) ? Texts(resource).ToList() : new List<string>();
            foreach (var wildcard in actions.Where(a => a.Contains('*', StringComparison.Ordinal)))
                yield return $"allow '{wildcard}': a wildcard action grants whatever the service adds";
            var changes = actions.Where(a => !a.Contains('*', StringComparison.Ordinal) && !IsRead(a)).ToList();
            if (resources.Contains("*") && changes.Count > 0)
                yield return $"allow {string.Join(", ", changes)} on every resource ('*'): a change must name the resources it changes";
        }
    }

    private static bool IsRead(string action) =>
        action[(action.IndexOf(':', StringComparison.Ordinal) + 1)..] is var verb
        && (verb.StartsWith("Describe", StringComparison.Ordinal) || verb.StartsWith("Get", StringComparison.Ordinal) || verb.StartsWith("List", StringComparison.Ordinal));

    /// <summary>Every rule, in ID order.</summary>
    public static readonly IReadOnlyList<PolicyRule> All = typeof(PolicySet)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.FieldType == typeof(PolicyRule))
        .Select(f => (PolicyRule)f.GetValue(null)!)
        .OrderBy(r => r.Id, StringComparer.Ordinal)
        .ToList();

    public static PolicyRule? Find(string id) => All.FirstOrDefault(r => r.Id == id);
}
