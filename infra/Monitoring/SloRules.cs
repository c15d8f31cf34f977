using System.Globalization;
using MultiRegionInfra.Configuration;
using MultiRegionInfra.Reliability;

namespace MultiRegionInfra.Monitoring;

/// <summary>One multiwindow burn-rate alert: it fires when the error budget burns <paramref name="Factor"/>
/// times faster than the SLO allows over both the long window (enough budget is at stake) and the short
/// window (it is still happening, so the alert resets soon after recovery).</summary>
/// <param name="Name">The alert's name.</param>
/// <param name="Severity">page or ticket.</param>
/// <param name="LongWindow">The long window.</param>
/// <param name="ShortWindow">The short window, a twelfth of the long one.</param>
/// <param name="Factor">The burn rate: how many times the sustainable rate the errors arrive at.</param>
public sealed record BurnRateAlert(string Name, string Severity, TimeSpan LongWindow, TimeSpan ShortWindow, double Factor);

/// <summary>The Prometheus rules derived from the SLO (the global stack's slo.* settings), on the service's
/// request histogram (<see cref="ServiceMetricNames"/>), per region (every series carries the region the
/// collector labels it with): the error ratio, availability and error budget burn rate over each window,
/// the p99 latency; the two burn-rate alerts of Google's SRE workbook ("Alerting on SLOs", multiwindow,
/// multi-burn-rate alerts: 2 % of a 30-day budget in 1 hour, paged; 5 % in 6 hours, ticketed) and the p99
/// objective; and two host alerts on the collector's own data (a target that does not answer, a root
/// file system almost full), which need nothing from the service.</summary>
public static class SloRules
{
    /// <summary>The period the error budget is counted over.</summary>
    public static readonly TimeSpan BudgetPeriod = TimeSpan.FromDays(30);

    /// <summary>How often the workspace evaluates the rules.</summary>
    public static readonly TimeSpan EvaluationInterval = TimeSpan.FromMinutes(1);

    /// <summary>The window of the p99 latency and how long it must stay above the objective.</summary>
    public static readonly TimeSpan LatencyWindow = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan LatencyFor = TimeSpan.FromMinutes(10);

    public static readonly BurnRateAlert FastBurn = new("SloErrorBudgetFastBurn", "page", TimeSpan.FromHours(1), TimeSpan.FromMinutes(5), 14.4);

    public static readonly BurnRateAlert SlowBurn = new("SloErrorBudgetSlowBurn", "ticket", TimeSpan.FromHours(6), TimeSpan.FromMinutes(30), 6);

    public static readonly IReadOnlyList<BurnRateAlert> BurnRateAlerts = new[] { FastBurn, SlowBurn };

    public const string LatencyAlert = "SloLatencyP99AboveObjective";
    public const string TargetDownAlert = "MetricsTargetDown";
    public const string RootDiskAlert = "HostRootDiskAlmostFull";

    /// <summary>The share of the root file system left below which the disk alert fires.</summary>
    public const double RootDiskFreeRatio = 0.1;

    /// <summary>The error budget as a ratio of requests: 1 − availability, e.g. 0.001 for 99.9 %.</summary>
    public static double ErrorBudget(SloSettings slo)
    {
        ArgumentNullException.ThrowIfNull(slo);
        return Math.Round(1 - slo.AvailabilityPercent / 100, 9);
    }

    /// <summary>The error ratio at which a burn-rate alert fires: its factor times the budget.</summary>
    public static double ErrorRatioThreshold(SloSettings slo, BurnRateAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return Math.Round(alert.Factor * ErrorBudget(slo), 9);
    }

    /// <summary>The share of the period's budget spent when the alert fires: factor × long window ÷ period, in percent.</summary>
    public static double BudgetSpentPercent(BurnRateAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return Math.Round(alert.Factor * alert.LongWindow.TotalHours / BudgetPeriod.TotalHours * 100, 6);
    }

    /// <summary>The error budget exhausted after this long at the alert's burn rate.</summary>
    public static TimeSpan TimeToExhaustion(BurnRateAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return TimeSpan.FromHours(Math.Round(BudgetPeriod.TotalHours / alert.Factor, 6));
    }

    /// <summary>Every window a rule needs, shortest first.</summary>
    public static IReadOnlyList<TimeSpan> Windows => BurnRateAlerts.SelectMany(a => new[] { a.ShortWindow, a.LongWindow }).Distinct().Order().ToList();

    /// <summary>A duration as PromQL writes it: 5m, 30m, 1h, 6h, 1d.</summary>
    public static string Duration(TimeSpan span)
    {
        if (span <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(span), span, "a PromQL duration is positive");
        static string Of(double value, string unit) => value.ToString(CultureInfo.InvariantCulture) + unit;
        return span.TotalDays % 1 == 0 ? Of(span.TotalDays, "d")
            : span.TotalHours % 1 == 0 ? Of(span.TotalHours, "h")
            : span.TotalMinutes % 1 == 0 ? Of(span.TotalMinutes, "m")
            : Of(Math.Round(span.TotalSeconds), "s");
    }

    public static string ErrorRatioRecord(TimeSpan window) => $"slo:request_errors:ratio_rate{Duration(window)}";

    public static string AvailabilityRecord(TimeSpan window) => $"slo:availability:ratio_rate{Duration(window)}";

    public static string BurnRateRecord(TimeSpan window) => $"slo:error_budget_burn:rate{Duration(window)}";

    public static string LatencyRecord => $"slo:request_duration_seconds:p99_rate{Duration(LatencyWindow)}";

    /// <summary>The share of requests answered 5xx over a window, per region; 0 (not absent) while there are
    /// requests and none failed.</summary>
    public static string ErrorRatioExpression(ServiceMetricNames metrics, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var count = $"{metrics.RequestHistogram}_count";
        var w = Duration(window);
        var all = $"sum by (region) (rate({count}[{w}]))";
        return $"(sum by (region) (rate({count}{{{metrics.StatusLabel}=~\"5..\"}}[{w}])) or {all} * 0) / {all}";
    }

    /// <summary>The p99 request duration, per region, from the histogram's buckets.</summary>
    public static string LatencyExpression(ServiceMetricNames metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return $"histogram_quantile(0.99, sum by (region, le) (rate({metrics.RequestHistogram}_bucket[{Duration(LatencyWindow)}])))";
    }

    /// <summary>A burn-rate alert's condition on the recorded burn rates of its two windows.</summary>
    public static string BurnRateExpression(BurnRateAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var factor = alert.Factor.ToString(CultureInfo.InvariantCulture);
        return $"{BurnRateRecord(alert.LongWindow)} > {factor} and {BurnRateRecord(alert.ShortWindow)} > {factor}";
    }

    public static string LatencyAlertExpression(SloSettings slo) =>
        $"{LatencyRecord} > {AlarmThresholds.P99Seconds(slo).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The rule file: the SLO's recording and alerting groups when the service's metrics are scraped
    /// (without them the SLO has no data), and the host group always.</summary>
    public static string RuleFile(SloSettings slo, ServiceMetricNames metrics, bool serviceScraped)
    {
        ArgumentNullException.ThrowIfNull(slo);
        ArgumentNullException.ThrowIfNull(metrics);
        var groups = new List<object>();
        var interval = Duration(EvaluationInterval);
        if (serviceScraped)
        {
            var budget = ErrorBudget(slo).ToString(CultureInfo.InvariantCulture);
            var recording = new List<object>();
            foreach (var window in Windows)
            {
                recording.Add(Record(ErrorRatioRecord(window), ErrorRatioExpression(metrics, window)));
                recording.Add(Record(AvailabilityRecord(window), $"1 - {ErrorRatioRecord(window)}"));
                recording.Add(Record(BurnRateRecord(window), $"{ErrorRatioRecord(window)} / {budget}"));
            }
            recording.Add(Record(LatencyRecord, LatencyExpression(metrics)));
            groups.Add(Group("slo-recording", interval, recording));

            var alerts = BurnRateAlerts.Select(a => Alert(a.Name, BurnRateExpression(a), null, a.Severity, "availability",
                    $"{{{{ $labels.region }}}}: the error budget of {slo.AvailabilityPercent.ToString(CultureInfo.InvariantCulture)}% availability burns {a.Factor.ToString(CultureInfo.InvariantCulture)}× too fast",
                    $"5xx above {Math.Round(ErrorRatioThreshold(slo, a) * 100, 6).ToString(CultureInfo.InvariantCulture)}% of requests over {Duration(a.LongWindow)} and {Duration(a.ShortWindow)}: " +
                    $"{BudgetSpentPercent(a).ToString(CultureInfo.InvariantCulture)}% of the {Duration(BudgetPeriod)} budget spent, all of it in {Duration(TimeToExhaustion(a))} at this rate"))
                .Append(Alert(LatencyAlert, LatencyAlertExpression(slo), LatencyFor, "ticket", "latency",
                    $"{{{{ $labels.region }}}}: p99 response time above the {slo.P99LatencyMs.ToString(CultureInfo.InvariantCulture)} ms objective",
                    $"p99 over {Duration(LatencyWindow)} has stayed above {AlarmThresholds.P99Seconds(slo).ToString(CultureInfo.InvariantCulture)} s for {Duration(LatencyFor)}"))
                .ToList<object>();
            groups.Add(Group("slo-alerts", interval, alerts));
        }
        groups.Add(Group("host-alerts", interval, new List<object>
        {
            Alert(TargetDownAlert, "up == 0", TimeSpan.FromMinutes(5), "ticket", "host",
                "{{ $labels.instance }} in {{ $labels.region }}: the {{ $labels.job }} target does not answer",
                "the collector has not scraped it for 5 minutes (node_exporter, or the service's metrics path)"),
            Alert(RootDiskAlert,
                $"node_filesystem_avail_bytes{{mountpoint=\"/\"}} / node_filesystem_size_bytes{{mountpoint=\"/\"}} < {RootDiskFreeRatio.ToString(CultureInfo.InvariantCulture)}",
                TimeSpan.FromMinutes(15), "ticket", "host",
                "{{ $labels.instance }} in {{ $labels.region }}: the root file system is almost full",
                $"less than {Math.Round(RootDiskFreeRatio * 100, 6).ToString(CultureInfo.InvariantCulture)}% of it is free"),
        }));
        return YamlText.Serialize(new Dictionary<string, object> { ["groups"] = groups });
    }

    /// <summary>The alert manager's definition: every alert, grouped by name and region, to the SNS topic
    /// (signed for its region), repeated while it fires.</summary>
    public static string AlertManagerDefinition(string topicArn, string topicRegion)
    {
        ArgumentNullException.ThrowIfNull(topicArn);
        var configuration = new Dictionary<string, object>
        {
            ["route"] = new Dictionary<string, object>
            {
                ["receiver"] = AlertReceiver,
                ["group_by"] = new[] { "alertname", "region" },
                ["group_wait"] = "30s",
                ["group_interval"] = "5m",
                ["repeat_interval"] = "4h",
            },
            ["receivers"] = new[]
            {
                new Dictionary<string, object>
                {
                    ["name"] = AlertReceiver,
                    ["sns_configs"] = new[]
                    {
                        new Dictionary<string, object>
                        {
                            ["topic_arn"] = topicArn,
                            // The alert manager needs the region to sign with (Amazon Managed Service for Prometheus refuses sigv4 without one).
                            ["sigv4"] = new Dictionary<string, object> { ["region"] = topicRegion },
                            // SNS subjects are one line of at most 100 characters; the default template can be longer.
                            ["subject"] = "[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }} {{ .CommonLabels.region }}",
                        },
                    },
                },
            },
        };
        // The alert manager's configuration is a string in the definition: written as a literal block.
        var lines = YamlText.Serialize(configuration).TrimEnd('\n').Split('\n');
        return "alertmanager_config: |\n" + string.Concat(lines.Select(l => l.Length == 0 ? "\n" : $"  {l}\n"));
    }

    /// <summary>The alert manager's one receiver: the region's alarm topic.</summary>
    public const string AlertReceiver = "alarm-topic";

    private static Dictionary<string, object> Group(string name, string interval, List<object> rules) => new()
    {
        ["name"] = name,
        ["interval"] = interval,
        ["rules"] = rules,
    };

    private static Dictionary<string, object> Record(string name, string expression) => new() { ["record"] = name, ["expr"] = expression };

    private static Dictionary<string, object> Alert(string name, string expression, TimeSpan? holdFor, string severity, string kind, string summary, string description)
    {
        var alert = new Dictionary<string, object> { ["alert"] = name, ["expr"] = expression };
        if (holdFor is { } span)
            alert["for"] = Duration(span);
        alert["labels"] = new Dictionary<string, object> { ["severity"] = severity, ["category"] = kind };
        alert["annotations"] = new Dictionary<string, object> { ["summary"] = summary, ["description"] = description };
        return alert;
    }
}
