namespace MultiRegionInfra.Stacks.Plan;

/// <summary>Which inputs the providers cannot change in place: a change to one of them makes Pulumi
/// delete and recreate the resource (a replacement), not update it. One entry per resource type this
/// program creates, with the inputs it sets that force replacement and where that is documented.
/// pulumi-aws is bridged from the Terraform AWS provider, whose schema marks these inputs ForceNew (the
/// registry page of each resource describes the same inputs); pulumi-aws-native and pulumi-cloudflare
/// mark them replaceOnChanges in their schemas (from CloudFormation's create-only properties and
/// Cloudflare's RequiresReplace). The shared provider schemas of ../shared/tools/plan-checks hold inputs
/// and types only, without these marks, so the table names the documentation instead.</summary>
public static class ReplaceOnChanges
{
    /// <summary>One resource type's inputs that force replacement.</summary>
    /// <param name="Type">The type token.</param>
    /// <param name="Inputs">The inputs (as the program sets them) whose change replaces the resource; empty
    /// when none does (then only a pulumi-aws resource's <c>region</c> does, see <see cref="RegionSource"/>).</param>
    /// <param name="Source">The provider documentation that says so.</param>
    public sealed record Entry(string Type, IReadOnlyList<string> Inputs, string Source);

    /// <summary>pulumi-aws v7 (Terraform AWS provider v6): changing a resource's <c>region</c> replaces it.</summary>
    public const string RegionSource = "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/enhanced-region-support (\"Changing the value of region will force resource replacement\")";

    private const string Registry = "https://www.pulumi.com/registry/packages/";

    public static readonly IReadOnlyList<Entry> Entries = new Entry[]
    {
        new("aws:ec2/vpc:Vpc", new[] { "cidrBlock", "instanceTenancy" }, Registry + "aws/api-docs/ec2/vpc/ (aws_vpc: cidr_block ForceNew)"),
        new("aws:ec2/internetGateway:InternetGateway", Array.Empty<string>(), Registry + "aws/api-docs/ec2/internetgateway/ (aws_internet_gateway: no argument ForceNew; vpc_id detaches and attaches in place)"),
        new("aws:ec2/subnet:Subnet", new[] { "vpcId", "cidrBlock", "availabilityZone", "availabilityZoneId" }, Registry + "aws/api-docs/ec2/subnet/ (aws_subnet: vpc_id, cidr_block, availability_zone ForceNew)"),
        new("aws:ec2/eip:Eip", new[] { "domain", "address", "networkBorderGroup", "publicIpv4Pool" }, Registry + "aws/api-docs/ec2/eip/ (aws_eip: domain ForceNew)"),
        new("aws:ec2/natGateway:NatGateway", new[] { "allocationId", "subnetId", "connectivityType", "privateIp" }, Registry + "aws/api-docs/ec2/natgateway/ (aws_nat_gateway: allocation_id, subnet_id ForceNew)"),
        new("aws:ec2/routeTable:RouteTable", new[] { "vpcId" }, Registry + "aws/api-docs/ec2/routetable/ (aws_route_table: vpc_id ForceNew)"),
        new("aws:ec2/routeTableAssociation:RouteTableAssociation", new[] { "subnetId", "gatewayId" }, Registry + "aws/api-docs/ec2/routetableassociation/ (aws_route_table_association: subnet_id, gateway_id ForceNew; route_table_id is replaced in place)"),
        new("aws:ec2/route:Route", new[] { "routeTableId", "destinationCidrBlock", "destinationIpv6CidrBlock", "destinationPrefixListId" }, Registry + "aws/api-docs/ec2/route/ (aws_route: route_table_id and the destination ForceNew)"),
        new("aws:ec2/vpcPeeringConnection:VpcPeeringConnection", new[] { "vpcId", "peerVpcId", "peerRegion" }, Registry + "aws/api-docs/ec2/vpcpeeringconnection/ (aws_vpc_peering_connection: vpc_id, peer_vpc_id, peer_region, peer_owner_id ForceNew; auto_accept updates)"),
        new("aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter", new[] { "vpcPeeringConnectionId" }, Registry + "aws/api-docs/ec2/vpcpeeringconnectionaccepter/ (aws_vpc_peering_connection_accepter: vpc_peering_connection_id ForceNew)"),
        new("aws:ec2/securityGroup:SecurityGroup", new[] { "name", "namePrefix", "description", "vpcId" }, Registry + "aws/api-docs/ec2/securitygroup/ (aws_security_group: name, name_prefix, description, vpc_id ForceNew)"),
        new("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", new[] { "vpcId" }, Registry + "aws/api-docs/ec2/defaultsecuritygroup/ (aws_default_security_group: vpc_id ForceNew)"),
        new("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", new[] { "securityGroupId" }, Registry + "aws/api-docs/vpc/securitygroupingressrule/ (aws_vpc_security_group_ingress_rule: security_group_id RequiresReplace)"),
        new("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", new[] { "securityGroupId" }, Registry + "aws/api-docs/vpc/securitygroupegressrule/ (aws_vpc_security_group_egress_rule: security_group_id RequiresReplace)"),
        new("aws:ec2/launchTemplate:LaunchTemplate", new[] { "name", "namePrefix" }, Registry + "aws/api-docs/ec2/launchtemplate/ (aws_launch_template: name, name_prefix ForceNew; other changes make a new version)"),
        new("aws:ec2/flowLog:FlowLog", new[] { "vpcId", "iamRoleArn", "logDestination", "logDestinationType", "trafficType", "maxAggregationInterval", "logFormat", "subnetId", "eniId" }, Registry + "aws/api-docs/ec2/flowlog/ (aws_flow_log: every argument but tags ForceNew)"),
        new("aws:autoscaling/group:Group", new[] { "name", "namePrefix" }, Registry + "aws/api-docs/autoscaling/group/ (aws_autoscaling_group: name, name_prefix ForceNew)"),
        new("aws:autoscaling/policy:Policy", new[] { "name", "autoscalingGroupName" }, Registry + "aws/api-docs/autoscaling/policy/ (aws_autoscaling_policy: name, autoscaling_group_name ForceNew)"),
        new("aws:iam/role:Role", new[] { "name", "namePrefix", "path" }, Registry + "aws/api-docs/iam/role/ (aws_iam_role: name, name_prefix, path ForceNew)"),
        new("aws:iam/instanceProfile:InstanceProfile", new[] { "name", "namePrefix", "path" }, Registry + "aws/api-docs/iam/instanceprofile/ (aws_iam_instance_profile: name, name_prefix, path ForceNew)"),
        new("aws:iam/rolePolicyAttachment:RolePolicyAttachment", new[] { "role", "policyArn" }, Registry + "aws/api-docs/iam/rolepolicyattachment/ (aws_iam_role_policy_attachment: role, policy_arn ForceNew)"),
        new("aws:iam/rolePolicy:RolePolicy", new[] { "name", "namePrefix", "role" }, Registry + "aws/api-docs/iam/rolepolicy/ (aws_iam_role_policy: name, name_prefix, role ForceNew; policy updates)"),
        new("aws:kms/key:Key", new[] { "customerMasterKeySpec", "keyUsage", "multiRegion", "xksKeyId", "customKeyStoreId" }, Registry + "aws/api-docs/kms/key/ (aws_kms_key: key spec, key_usage, multi_region, custom_key_store_id ForceNew)"),
        new("aws:kms/alias:Alias", new[] { "name", "namePrefix" }, Registry + "aws/api-docs/kms/alias/ (aws_kms_alias: name, name_prefix ForceNew; target_key_id updates)"),
        new("aws:lb/loadBalancer:LoadBalancer", new[] { "name", "namePrefix", "internal", "loadBalancerType", "customerOwnedIpv4Pool" }, Registry + "aws/api-docs/lb/loadbalancer/ (aws_lb: name, name_prefix, internal, load_balancer_type ForceNew)"),
        new("aws:lb/targetGroup:TargetGroup", new[] { "name", "namePrefix", "port", "protocol", "protocolVersion", "vpcId", "targetType", "ipAddressType" }, Registry + "aws/api-docs/lb/targetgroup/ (aws_lb_target_group: name, port, protocol, protocol_version, vpc_id, target_type ForceNew)"),
        new("aws:lb/listener:Listener", new[] { "loadBalancerArn" }, Registry + "aws/api-docs/lb/listener/ (aws_lb_listener: load_balancer_arn ForceNew)"),
        new("aws:lb/listenerRule:ListenerRule", new[] { "listenerArn" }, Registry + "aws/api-docs/lb/listenerrule/ (aws_lb_listener_rule: listener_arn ForceNew; priority, actions and conditions update)"),
        new("aws:acm/certificate:Certificate", new[] { "domainName", "subjectAlternativeNames", "keyAlgorithm", "certificateAuthorityArn" }, Registry + "aws/api-docs/acm/certificate/ (aws_acm_certificate: domain_name, subject_alternative_names, key_algorithm ForceNew)"),
        new("aws:acm/certificateValidation:CertificateValidation", new[] { "certificateArn", "validationRecordFqdns" }, Registry + "aws/api-docs/acm/certificatevalidation/ (aws_acm_certificate_validation: every argument ForceNew)"),
        new("aws:rds/instance:Instance", new[] { "identifier", "identifierPrefix", "engine", "dbName", "username", "kmsKeyId", "storageEncrypted", "availabilityZone", "characterSetName", "ncharCharacterSetName", "snapshotIdentifier", "timezone", "restoreToPointInTime" }, Registry + "aws/api-docs/rds/instance/ (aws_db_instance: identifier, engine, db_name, username, kms_key_id, storage_encrypted, availability_zone ForceNew)"),
        new("aws:rds/subnetGroup:SubnetGroup", new[] { "name", "namePrefix" }, Registry + "aws/api-docs/rds/subnetgroup/ (aws_db_subnet_group: name, name_prefix ForceNew)"),
        new("aws:rds/parameterGroup:ParameterGroup", new[] { "name", "namePrefix", "family", "description" }, Registry + "aws/api-docs/rds/parametergroup/ (aws_db_parameter_group: name, name_prefix, family, description ForceNew)"),
        new("aws:rds/globalCluster:GlobalCluster", new[] { "globalClusterIdentifier", "engine", "storageEncrypted" }, Registry + "aws/api-docs/rds/globalcluster/ (aws_rds_global_cluster: global_cluster_identifier, engine, storage_encrypted, database_name ForceNew; engine_version upgrades in place)"),
        new("aws:rds/cluster:Cluster", new[] { "clusterIdentifier", "clusterIdentifierPrefix", "engine", "databaseName", "masterUsername", "kmsKeyId", "storageEncrypted", "dbSubnetGroupName" }, Registry + "aws/api-docs/rds/cluster/ (aws_rds_cluster: cluster_identifier, cluster_identifier_prefix, engine, database_name, master_username, kms_key_id, storage_encrypted, db_subnet_group_name ForceNew; global_cluster_identifier updates)"),
        new("aws:rds/clusterInstance:ClusterInstance", new[] { "identifier", "identifierPrefix", "clusterIdentifier", "engine", "availabilityZone", "dbSubnetGroupName" }, Registry + "aws/api-docs/rds/clusterinstance/ (aws_rds_cluster_instance: identifier, identifier_prefix, cluster_identifier, engine, availability_zone, db_subnet_group_name ForceNew; instance_class updates)"),
        new("aws:rds/clusterParameterGroup:ClusterParameterGroup", new[] { "name", "namePrefix", "family", "description" }, Registry + "aws/api-docs/rds/clusterparametergroup/ (aws_rds_cluster_parameter_group: name, name_prefix, family, description ForceNew)"),
        new("aws:cloudwatch/logGroup:LogGroup", new[] { "name", "namePrefix", "logGroupClass" }, Registry + "aws/api-docs/cloudwatch/loggroup/ (aws_cloudwatch_log_group: name, name_prefix, log_group_class ForceNew)"),
        new("aws:cloudwatch/metricAlarm:MetricAlarm", new[] { "name" }, Registry + "aws/api-docs/cloudwatch/metricalarm/ (aws_cloudwatch_metric_alarm: alarm_name ForceNew)"),
        new("aws:cloudwatch/dashboard:Dashboard", new[] { "dashboardName" }, Registry + "aws/api-docs/cloudwatch/dashboard/ (aws_cloudwatch_dashboard: dashboard_name ForceNew)"),
        new("aws:amp/workspace:Workspace", new[] { "kmsKeyArn" }, Registry + "aws/api-docs/amp/workspace/ (aws_prometheus_workspace: kms_key_arn ForceNew; alias and logging_configuration update)"),
        new("aws:amp/ruleGroupNamespace:RuleGroupNamespace", new[] { "name", "workspaceId" }, Registry + "aws/api-docs/amp/rulegroupnamespace/ (aws_prometheus_rule_group_namespace: name, workspace_id ForceNew; data updates)"),
        new("aws:amp/alertManagerDefinition:AlertManagerDefinition", new[] { "workspaceId" }, Registry + "aws/api-docs/amp/alertmanagerdefinition/ (aws_prometheus_alert_manager_definition: workspace_id ForceNew; definition updates)"),
        new("aws:route53/record:Record", new[] { "zoneId", "name", "setIdentifier" }, Registry + "aws/api-docs/route53/record/ (aws_route53_record: zone_id, name, set_identifier ForceNew)"),
        new("aws:route53/healthCheck:HealthCheck", new[] { "type", "referenceName", "measureLatency", "requestInterval", "routingControlArn" }, Registry + "aws/api-docs/route53/healthcheck/ (aws_route53_health_check: type, reference_name, measure_latency, request_interval ForceNew)"),
        new("aws:cloudfront/distribution:Distribution", Array.Empty<string>(), Registry + "aws/api-docs/cloudfront/distribution/ (aws_cloudfront_distribution: no argument the program sets is ForceNew; only staging is)"),
        new("aws:cloudfront/function:Function", new[] { "name" }, Registry + "aws/api-docs/cloudfront/function/ (aws_cloudfront_function: name ForceNew; code, runtime, comment and publish update in place)"),
        new("aws:cloudfront/originAccessControl:OriginAccessControl", Array.Empty<string>(), Registry + "aws/api-docs/cloudfront/originaccesscontrol/ (aws_cloudfront_origin_access_control: no argument ForceNew; every argument updates in place)"),
        new("aws:wafv2/webAcl:WebAcl", new[] { "name", "namePrefix", "scope" }, Registry + "aws/api-docs/wafv2/webacl/ (aws_wafv2_web_acl: name, name_prefix, scope ForceNew; rules and default_action update)"),
        new("aws:s3/bucket:Bucket", new[] { "bucket", "bucketPrefix", "objectLockEnabled" }, Registry + "aws/api-docs/s3/bucket/ (aws_s3_bucket: bucket, bucket_prefix, object_lock_enabled ForceNew)"),
        new("aws:s3/bucketVersioning:BucketVersioning", new[] { "bucket", "expectedBucketOwner", "mfa" }, Registry + "aws/api-docs/s3/bucketversioning/ (aws_s3_bucket_versioning: bucket, expected_bucket_owner ForceNew)"),
        new("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", new[] { "bucket", "expectedBucketOwner" }, Registry + "aws/api-docs/s3/bucketserversideencryptionconfiguration/ (bucket, expected_bucket_owner ForceNew)"),
        new("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", new[] { "bucket" }, Registry + "aws/api-docs/s3/bucketpublicaccessblock/ (aws_s3_bucket_public_access_block: bucket ForceNew)"),
        new("aws:s3/bucketOwnershipControls:BucketOwnershipControls", new[] { "bucket" }, Registry + "aws/api-docs/s3/bucketownershipcontrols/ (aws_s3_bucket_ownership_controls: bucket ForceNew)"),
        new("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", new[] { "bucket", "expectedBucketOwner" }, Registry + "aws/api-docs/s3/bucketlifecycleconfiguration/ (bucket, expected_bucket_owner RequiresReplace)"),
        new("aws:s3/bucketPolicy:BucketPolicy", new[] { "bucket" }, Registry + "aws/api-docs/s3/bucketpolicy/ (aws_s3_bucket_policy: bucket ForceNew)"),
        new("aws:s3/bucketReplicationConfig:BucketReplicationConfig", new[] { "bucket" }, Registry + "aws/api-docs/s3/bucketreplicationconfig/ (aws_s3_bucket_replication_configuration: bucket ForceNew)"),
        new("aws:s3/bucketLogging:BucketLogging", new[] { "bucket" }, Registry + "aws/api-docs/s3/bucketlogging/ (aws_s3_bucket_logging: bucket, expected_bucket_owner ForceNew; target_bucket and target_prefix update)"),
        new("aws:ecr/repository:Repository", new[] { "name", "encryptionConfigurations" }, Registry + "aws/api-docs/ecr/repository/ (aws_ecr_repository: name, encryption_configuration ForceNew)"),
        new("aws:ecr/replicationConfiguration:ReplicationConfiguration", Array.Empty<string>(), Registry + "aws/api-docs/ecr/replicationconfiguration/ (aws_ecr_replication_configuration: no argument ForceNew; replication_configuration is put in place)"),
        new("aws:ssm/parameter:Parameter", new[] { "name" }, Registry + "aws/api-docs/ssm/parameter/ (aws_ssm_parameter: name, data_type ForceNew; value, type, key_id and description update)"),
        new("aws:ssm/association:Association", new[] { "name" }, Registry + "aws/api-docs/ssm/association/ (aws_ssm_association: name, instance_id ForceNew; targets and parameters update)"),
        new("aws:synthetics/canary:Canary", new[] { "name" }, Registry + "aws/api-docs/synthetics/canary/ (aws_synthetics_canary: name ForceNew)"),
        new("aws:fis/experimentTemplate:ExperimentTemplate", new[] { "tags" }, Registry + "aws/api-docs/fis/experimenttemplate/ (aws_fis_experiment_template: tags ForceNew (tftags.TagsSchemaForceNew); actions, targets, stop conditions and role update)"),
        new("aws:sns/topic:Topic", new[] { "name", "namePrefix", "fifoTopic" }, Registry + "aws/api-docs/sns/topic/ (aws_sns_topic: name, name_prefix, fifo_topic ForceNew)"),
        new("aws:sns/topicSubscription:TopicSubscription", new[] { "topic", "protocol", "endpoint" }, Registry + "aws/api-docs/sns/topicsubscription/ (aws_sns_topic_subscription: topic_arn, protocol, endpoint ForceNew)"),
        new("aws-native:dynamodb:GlobalTable", new[] { "tableName", "keySchema", "localSecondaryIndexes" }, Registry + "aws-native/api-docs/dynamodb/globaltable/ (schema replaceOnChanges; CloudFormation AWS::DynamoDB::GlobalTable TableName, KeySchema, LocalSecondaryIndexes: update requires replacement)"),
        new("aws-native:arcregionswitch:Plan", new[] { "name", "primaryRegion", "recoveryApproach", "regions" }, Registry + "aws-native/api-docs/arcregionswitch/plan/ (schema replaceOnChanges; CloudFormation AWS::ARCRegionSwitch::Plan Name, PrimaryRegion, RecoveryApproach, Regions: create-only)"),
        new("cloudflare:index/loadBalancer:LoadBalancer", new[] { "zoneId" }, Registry + "cloudflare/api-docs/loadbalancer/ (schema replaceOnChanges: zone_id)"),
        new("cloudflare:index/loadBalancerPool:LoadBalancerPool", new[] { "accountId" }, Registry + "cloudflare/api-docs/loadbalancerpool/ (schema replaceOnChanges: account_id)"),
        new("cloudflare:index/loadBalancerMonitor:LoadBalancerMonitor", new[] { "accountId" }, Registry + "cloudflare/api-docs/loadbalancermonitor/ (schema replaceOnChanges: account_id)"),
        new("cloudflare:index/authenticatedOriginPullsSettings:AuthenticatedOriginPullsSettings", new[] { "zoneId" }, Registry + "cloudflare/api-docs/authenticatedoriginpullssettings/ (terraform-provider-cloudflare schema: zone_id RequiresReplace; enabled updates)"),
    };

    private static readonly IReadOnlyDictionary<string, Entry> ByType = Entries.ToDictionary(e => e.Type, StringComparer.Ordinal);

    /// <summary>Whether changing <paramref name="input"/> (a top-level input) of a <paramref name="type"/>
    /// replaces the resource; with the documentation that says so.</summary>
    public static bool Replaces(string type, string input, out string source)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(input);
        if (input == "region" && type.StartsWith("aws:", StringComparison.Ordinal))
        {
            source = RegionSource;
            return true;
        }
        if (ByType.TryGetValue(type, out var entry) && entry.Inputs.Contains(input))
        {
            source = entry.Source;
            return true;
        }
        source = "";
        return false;
    }

    /// <summary>The entry of a type, if the table has one.</summary>
    public static Entry? Of(string type) => ByType.GetValueOrDefault(type);
}
