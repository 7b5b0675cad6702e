using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace CostInsights.Forecasting.Learned;

/// <summary>
/// A global gradient-boosted forecaster (LightGBM through ML.NET), trained across every series it is given: each training
/// row is one series at one origin and one step ahead, its values divided by the mean of its last season (of its whole
/// history where that season is all zero), described by its last twelve values, the values one and two whole seasons
/// before the target period, recent means, spread and slope, the step, and where the calendar is known the target period's
/// place in the season (its month of the year); the label is the scaled value that many steps later. One model forecasts
/// every step directly. Its intervals come from its own out-of-sample errors: a second model, trained on the histories
/// without their last periods (the horizon, or more where backtests reach further back), forecasts the first of those
/// periods, and the quantiles of its scaled errors at each step become the bounds. The same model forecasts backtests, so
/// that they never forecast a period it learned from. Every setting is LightGBM's default, a rule stated here, or chosen
/// on benchmarks' validation months; none on a test part.
/// </summary>
public sealed class GlobalBoostedModel
{
    /// <summary>How many recent origins of each series make training rows at most (the last three years of a monthly series).</summary>
    private const int OriginsPerSeries = 36;

    /// <summary>
    /// How many training rows a model is given at most: with many series, each gives fewer of its latest origins, so that a
    /// run's training time stays bounded (LightGBM learns little more from more rows of the same series).
    /// </summary>
    private const int RowBudget = 500_000;

    private const int Lags = 12;
    private const int FeatureCount = Lags + 8;

    private readonly Scorer _model;
    private readonly Scorer? _early;
    private readonly List<double>[] _errors;
    private readonly int _season;
    private readonly int _horizon;
    private readonly IReadOnlyList<double> _levels;

    private GlobalBoostedModel(IReadOnlyList<IReadOnlyList<double>> histories, IReadOnlyList<int>? phases, int season, int horizon,
        IReadOnlyList<double> levels, int leftOut)
    {
        (_season, _horizon, _levels) = (season, horizon, levels);
        var ml = new MLContext(1);
        // Out-of-sample errors: a model trained without each series' last `leftOut` periods forecasts the first `horizon` of
        // them. The two models train at once, each on one thread, so the result does not depend on the number of cores.
        var heldOut = histories.Select(h => h.Count - leftOut > Math.Max(Lags, season) + horizon && Usable(h, season, h.Count - leftOut)).ToArray();
        _errors = [.. Enumerable.Range(0, horizon).Select(_ => new List<double>())];
        var early = heldOut.Any(x => x) ? Task.Run(() => Train(histories, phases, heldOut, season, horizon, leftOut)) : null;
        _model = new Scorer(ml, Train(histories, phases, [.. histories.Select(h => Usable(h, season))], season, horizon, 0));
        if (early is null)
        {
            return;
        }
        _early = new Scorer(ml, early.GetAwaiter().GetResult());
        for (var i = 0; i < histories.Count; i++)
        {
            if (!heldOut[i])
            {
                continue;
            }
            var past = histories[i].Take(histories[i].Count - leftOut).ToArray();
            var scale = Scale(past, season);
            var predicted = _early.Predict(past, season, horizon, scale, PhaseAt(phases?[i], histories[i].Count, past.Length, season));
            for (var h = 0; h < horizon; h++)
            {
                _errors[h].Add((histories[i][past.Length + h] - predicted[h]) / scale);
            }
        }
        foreach (var errors in _errors)
        {
            errors.Sort();
        }
    }

    /// <summary>
    /// Trains the model on every series long enough (more than a season and twelve periods, all finite), and the model for
    /// intervals and backtests without each series' last <paramref name="leftOut"/> periods (the horizon where not given):
    /// a backtest that forecasts no further back than that is out of sample. <paramref name="phases"/> gives, where the
    /// calendar is known, each series' first period to forecast's place in the season (0 to season − 1: for a monthly
    /// season, its month of the year less one).
    /// </summary>
    public static GlobalBoostedModel? Train(IReadOnlyList<IReadOnlyList<double>> histories, int season, int horizon, IReadOnlyList<double> levels,
        int? leftOut = null, IReadOnlyList<int>? phases = null)
    {
        if (phases is not null && (phases.Count != histories.Count || phases.Any(p => p < 0 || p >= Math.Max(season, 1))))
        {
            throw new ArgumentException($"Give one phase from 0 to {Math.Max(season, 1) - 1} for each of the {histories.Count} series.", nameof(phases));
        }
        return histories.Any(h => Usable(h, season))
            ? new GlobalBoostedModel(histories, phases, season, horizon, levels, Math.Max(horizon, leftOut ?? horizon))
            : null;
    }

    /// <summary>Each series' forecast, or null for one too short to describe; phases as the model's training takes them.</summary>
    public static IReadOnlyList<Forecast?> Forecast(IReadOnlyList<IReadOnlyList<double>> histories, int season, int horizon, IReadOnlyList<double> levels,
        IReadOnlyList<int>? phases = null)
    {
        var model = Train(histories, season, horizon, levels, phases: phases);
        return [.. histories.Select((h, i) => model?.Forecast(h, phases?[i]))];
    }

    /// <summary>
    /// The place in the season of the period after the first <paramref name="length"/> of a history's <paramref name="count"/>
    /// values, from that of the period after them all; null where the calendar is unknown.
    /// </summary>
    public static int? PhaseAt(int? phase, int count, int length, int season)
    {
        var m = Math.Max(season, 1);
        return phase is { } p ? ((p - (count - length)) % m + m) % m : null;
    }

    /// <summary>
    /// Whether a history can be described and give training rows from its first <paramref name="length"/> periods (all of
    /// them where not given): finite, those periods longer than its lags and a season, and not zero throughout before the
    /// last of them (a history of zeros has no size to scale by).
    /// </summary>
    private static bool Usable(IReadOnlyList<double> history, int season, int? length = null)
    {
        var n = length ?? history.Count;
        return n > Math.Max(Lags, season) && history.All(double.IsFinite) && history.Take(n - 1).Any(v => v != 0);
    }

    /// <summary>
    /// The forecast of a series from its whole history, given its first forecast period's place in the season where known;
    /// null when it is too short to describe.
    /// </summary>
    public Forecast? Forecast(IReadOnlyList<double> history, int? phase = null) => CanForecast(history) ? From(_model, history, phase) : null;

    /// <summary>Whether the history is long enough, finite and not all zero, for the model to forecast it.</summary>
    public bool CanForecast(IReadOnlyList<double> history) => Usable(history, _season);

    /// <summary>
    /// The forecast from part of a history by the model trained without the last periods left out, for backtests; null
    /// when the part is too short or that model could not be trained.
    /// </summary>
    public Forecast? ForecastFrom(IReadOnlyList<double> past, int horizon, int? phase = null) =>
        _early is not null && CanForecast(past) && horizon <= _horizon ? Truncated(From(_early, past, phase), horizon) : null;

    private static Forecast Truncated(Forecast f, int horizon) => new(f.Method, [.. f.Points.Take(horizon)],
        [.. f.Intervals.Select(i => new PredictionInterval(i.Level, [.. i.Lower.Take(horizon)], [.. i.Upper.Take(horizon)]))]);

    private Forecast From(Scorer model, IReadOnlyList<double> history, int? phase)
    {
        var past = history.ToArray();
        var scale = Scale(past, _season);
        var points = model.Predict(past, _season, _horizon, scale, phase);
        var intervals = _levels.Select(level =>
        {
            var tail = (1 - level / 100) / 2;
            var lower = points.Select((p, h) => p + scale * Quantiles.OfSorted(_errors[h], tail)).ToArray();
            var upper = points.Select((p, h) => p + scale * Quantiles.OfSorted(_errors[h], 1 - tail)).ToArray();
            return new PredictionInterval(level, lower, upper);
        }).ToList();
        return new Forecast("lightgbm", points, intervals);
    }

    private sealed class Row
    {
        [VectorType(FeatureCount)]
        public float[] Features { get; set; } = [];

        public float Label { get; set; }
    }

    private static ITransformer Train(IReadOnlyList<IReadOnlyList<double>> histories, IReadOnlyList<int>? phases, bool[] include, int season,
        int horizon, int leaveOut)
    {
        var ml = new MLContext(1);
        var rows = new List<Row>();
        var origins = Math.Clamp(RowBudget / Math.Max(1, include.Count(x => x) * horizon), 1, OriginsPerSeries);
        // Series in an order of their own values, so that the model does not depend on the order they were given in.
        foreach (var i in SeriesFingerprint.Order(histories, phases).Where(i => include[i]))
        {
            var y = histories[i].Take(histories[i].Count - leaveOut).ToArray();
            var first = Math.Max(Lags, season);
            for (var origin = Math.Max(first, y.Length - origins - 1); origin < y.Length; origin++)
            {
                var past = y.AsSpan(0, origin);
                var scale = Scale(past, season);
                if (scale == 0)
                {
                    // Zeros so far (a measure not used yet): nothing to scale by, so nothing to learn from.
                    continue;
                }
                var phase = PhaseAt(phases?[i], histories[i].Count, origin, season);
                for (var h = 1; h <= horizon && origin + h - 1 < y.Length; h++)
                {
                    rows.Add(new Row { Features = Features(past, season, h, scale, phase), Label = (float)(y[origin + h - 1] / scale) });
                }
            }
        }
        var data = ml.Data.LoadFromEnumerable(rows);
        // One thread: LightGBM's result then does not depend on how the work was split.
        var trainer = ml.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options
        {
            LabelColumnName = nameof(Row.Label),
            FeatureColumnName = nameof(Row.Features),
            NumberOfThreads = 1,
            Seed = 1,
            // A learning rate of 0.05 over 200 trees, where ML.NET picks its own rate over 100: the model alone forecast both
            // benchmarks' validation months better so (ADR 0025).
            LearningRate = 0.05,
            NumberOfIterations = 200,
        });
        return trainer.Fit(data);
    }

    /// <summary>
    /// A trained model and its prediction engine, which scores one row at a time without building a data view per call;
    /// series forecast in parallel take turns at it.
    /// </summary>
    private sealed class Scorer(MLContext ml, ITransformer model)
    {
        private readonly PredictionEngine<Row, Prediction> _engine = ml.Model.CreatePredictionEngine<Row, Prediction>(model);
        private readonly Lock _turn = new();

        /// <summary>The forecast of each step ahead, from the history's values and its scale.</summary>
        public double[] Predict(double[] past, int season, int horizon, double scale, int? phase)
        {
            var points = new double[horizon];
            lock (_turn)
            {
                for (var h = 1; h <= horizon; h++)
                {
                    points[h - 1] = _engine.Predict(new Row { Features = Features(past, season, h, scale, phase) }).Score * scale;
                }
            }
            return points;
        }
    }

    private sealed class Prediction
    {
        public float Score { get; set; }
    }

    /// <summary>
    /// The mean absolute value of the last season, so that series of any size train together; of the whole history where
    /// the last season is all zero (a measure used only in some seasons), and zero where the history is.
    /// </summary>
    private static double Scale(ReadOnlySpan<double> y, int season)
    {
        var last = MeanAbsolute(y[^Math.Min(Math.Max(season, 1), y.Length)..]);
        return last > 0 ? last : MeanAbsolute(y);
    }

    private static double MeanAbsolute(ReadOnlySpan<double> y)
    {
        var sum = 0.0;
        foreach (var v in y)
        {
            sum += Math.Abs(v);
        }
        return y.Length > 0 ? sum / y.Length : 0;
    }

    private static float[] Features(ReadOnlySpan<double> y, int season, int h, double scale, int? phase)
    {
        var f = new float[FeatureCount];
        var n = y.Length;
        for (var k = 0; k < Lags; k++)
        {
            f[k] = (float)(y[n - 1 - k] / scale);
        }
        var m = Math.Max(season, 1);
        // The value a whole number of seasons before the target period.
        var back = n + h - 1 - m * (int)Math.Ceiling(h / (double)m);
        f[Lags] = (float)(y[Math.Clamp(back, 0, n - 1)] / scale);
        f[Lags + 1] = (float)(Mean(y[^3..]) / scale);
        var last = y[^Math.Min(m, n)..];
        var mean = Mean(last);
        var spread = 0.0;
        foreach (var v in last)
        {
            spread += (v - mean) * (v - mean);
        }
        f[Lags + 2] = (float)(Math.Sqrt(spread / last.Length) / scale);
        f[Lags + 3] = (float)(Slope(last) / scale);
        f[Lags + 4] = (float)(n >= 2 * m ? Mean(y[^(2 * m)..^m]) / scale : 1);
        f[Lags + 5] = h;
        // The target period's place in the season; -1 where the calendar is unknown (a split of its own).
        f[Lags + 6] = phase is { } p ? (p + h - 1) % m : -1;
        // The value a season before that; missing (LightGBM's own split) where the history does not reach back so far.
        f[Lags + 7] = back - m >= 0 ? (float)(y[back - m] / scale) : float.NaN;
        return f;
    }

    private static double Mean(ReadOnlySpan<double> y)
    {
        var sum = 0.0;
        foreach (var v in y)
        {
            sum += v;
        }
        return sum / y.Length;
    }

    private static double Slope(ReadOnlySpan<double> y)
    {
        var n = y.Length;
        var tMean = (n - 1) / 2.0;
        var yMean = Mean(y);
        double sxy = 0, sxx = 0;
        for (var t = 0; t < n; t++)
        {
            sxy += (t - tMean) * (y[t] - yMean);
            sxx += (t - tMean) * (t - tMean);
        }
        return sxx > 0 ? sxy / sxx : 0;
    }
}
