using System.Globalization;
using System.Text.RegularExpressions;

namespace MultiRegionInfra.Configuration;

/// <summary>The global stack's Amazon Application Recovery Controller (ARC) Region switch plan: the
/// failover procedure as a plan AWS runs, not a page of commands.</summary>
/// <param name="Enabled">Whether the global stack creates the plan.</param>
/// <param name="ApprovalTimeoutMinutes">How long the plan waits for the person who approves the failover.</param>
/// <param name="Approvers">IAM principals allowed to assume the approval role; empty: the account (any
/// principal an IAM policy of the account lets assume it).</param>
public sealed record RegionSwitchSettings(bool Enabled, int ApprovalTimeoutMinutes, IReadOnlyList<string> Approvers)
{
    public const string EnabledKey = "regionSwitch.enabled";
    public const string ApproversKey = "regionSwitch.approvers";
    public const string ApprovalTimeoutKey = "regionSwitch.approvalTimeoutMinutes";
    public const int DefaultApprovalTimeoutMinutes = 60;

    /// <summary>A day: an approval nobody gives within it is a plan nobody is running.</summary>
    public const int MaxApprovalTimeoutMinutes = 1440;

    public static readonly RegionSwitchSettings Disabled = new(false, DefaultApprovalTimeoutMinutes, Array.Empty<string>());

    /// <summary>An IAM user, role or account root, in any partition.</summary>
    public static bool IsPrincipalArn(string arn) =>
        Regex.IsMatch(arn, @"^arn:aws(-cn|-us-gov)?:iam::\d{12}:(root|role/[\w+=,.@/-]{1,512}|user/[\w+=,.@/-]{1,512})$", RegexOptions.None, TimeSpan.FromSeconds(1));

    /// <param name="prod">Whether the stack is prod (the plan is on by default there).</param>
    /// <param name="dns">Where the records live: the plan's routing step needs Route 53.</param>
    /// <param name="approvalSeconds">failover.approvalSeconds, the budget's estimate of the approval, which
    /// must fit in the approval's timeout.</param>
    public static RegionSwitchSettings Read(ConfigReader config, bool prod, DnsProvider dns, int approvalSeconds)
    {
        ArgumentNullException.ThrowIfNull(config);
        var route53 = dns == DnsProvider.Route53;
        var enabled = config.Bool(EnabledKey, prod && route53);
        if (enabled && !route53)
            config.Error(EnabledKey, "true", "needs dns route53: the plan's routing step is a Route 53 health check execution block",
                "allowed: false, or dns route53");
        var timeout = config.Int(ApprovalTimeoutKey, DefaultApprovalTimeoutMinutes, 1, MaxApprovalTimeoutMinutes);
        var approvers = config.StringList(ApproversKey, Array.Empty<string>());
        foreach (var approver in approvers.Where(a => !IsPrincipalArn(a)))
            config.Error(ApproversKey, approver, "is not an IAM principal ARN",
                "allowed: arn:aws:iam::<account>:role/<name>, arn:aws:iam::<account>:user/<name> or arn:aws:iam::<account>:root");
        foreach (var duplicate in approvers.GroupBy(a => a, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
            config.Error(ApproversKey, duplicate, "is listed more than once", "allowed: each principal once");
        if (!enabled)
        {
            foreach (var key in new[] { ApprovalTimeoutKey, ApproversKey })
            {
                if (config.Raw(key) is { } set)
                    config.Error(key, set, $"is set but the program creates no Region switch plan ({EnabledKey} is false)",
                        $"allowed: set {EnabledKey} to true, or remove {key}");
            }
            return new RegionSwitchSettings(false, timeout, approvers);
        }
        if (approvalSeconds > timeout * 60)
            config.Error("failover.approvalSeconds", approvalSeconds.ToString(CultureInfo.InvariantCulture),
                $"is longer than the plan waits for the approval ({ApprovalTimeoutKey} {timeout} min = {timeout * 60} s), so the plan would time out first",
                $"allowed: at most {timeout * 60}, or raise {ApprovalTimeoutKey}");
        return new RegionSwitchSettings(true, timeout, approvers);
    }
}
