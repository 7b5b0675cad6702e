namespace CostInsights.Forecasting.Arima;

/// <summary>
/// The covariance of a stationary ARMA process's state in Harvey's form, the solution of P = T P Tᵀ + R Rᵀ, with unit
/// innovation variance. With the state a_t[i] = Σ_u φ_{i+u+1} y_{t−1−u} + θ_{i+u} ε_{t−u}, each entry is a sum over the
/// non-zero coefficients of the process's autocovariances γ, its ψ-weights (the covariances of y with past shocks) and
/// products of θ, so a seasonal model's sparse polynomials cost little. R's <c>arima()</c> solves the same equations by
/// Gardner et al.'s (1980) Givens rotations, which cost the cube of r².
/// </summary>
internal sealed class StationaryCovariance
{
    private readonly double[] _phi;
    private readonly double[] _thetaFromZero;
    private readonly int _q;
    private readonly double[] _psi;
    private readonly double[] _gamma;
    private readonly int[] _ar;
    private readonly int[] _ma;

    private StationaryCovariance(double[] phi, double[] theta, int r)
    {
        _phi = phi;
        var (p, q) = (phi.Length, theta.Length);
        _q = q;
        // θ₀ = 1, θ₁ … θ_q, then zeros: read in the inner loops below, so an array rather than a method.
        _thetaFromZero = new double[r + q + 1];
        _thetaFromZero[0] = 1;
        theta.CopyTo(_thetaFromZero, 1);
        _psi = new double[r + q + 1];
        _psi[0] = 1;
        for (var k = 1; k < _psi.Length; k++)
        {
            var value = Theta(k);
            for (var i = 1; i <= Math.Min(k, p); i++)
            {
                value += phi[i - 1] * _psi[k - i];
            }
            _psi[k] = value;
        }
        _gamma = Autocovariances(r + 1);
        // Computed at every likelihood evaluation: the non-zero lags without a query's allocations.
        Span<int> lags = stackalloc int[Math.Max(p, q + 1)];
        _ar = [.. lags[..ArmaLikelihood.NonZero(phi, lags)]];
        for (var i = 0; i < _ar.Length; i++)
        {
            _ar[i]++;
        }
        var ma = 0;
        for (var c = 0; c <= q; c++)
        {
            if (Theta(c) != 0)
            {
                lags[ma++] = c;
            }
        }
        _ma = [.. lags[..ma]];
    }

    /// <returns>The r × r covariance, column-major.</returns>
    public static double[] Of(double[] phi, double[] theta, int r)
    {
        var covariance = new StationaryCovariance(phi, theta, r);
        var result = new double[r * r];
        for (var i = 0; i < r; i++)
        {
            for (var j = i; j < r; j++)
            {
                result[i + r * j] = result[j + r * i] = covariance.Entry(i, j);
            }
        }
        return result;
    }

    /// <summary>The first column of the covariance: each state's covariance with the observation.</summary>
    public static double[] FirstColumn(double[] phi, double[] theta, int r)
    {
        var covariance = new StationaryCovariance(phi, theta, r);
        var result = new double[r];
        for (var i = 0; i < r; i++)
        {
            result[i] = covariance.Entry(i, 0);
        }
        return result;
    }

    private double Theta(int c) => _thetaFromZero[c];

    private double Entry(int i, int j)
    {
        var (phi, psi, gamma) = (_phi, _psi, _gamma);
        var sum = 0.0;
        foreach (var a in _ar)
        {
            if (a < i + 1)
            {
                continue;
            }
            var u = a - i - 1;
            foreach (var b in _ar)
            {
                if (b >= j + 1)
                {
                    sum += phi[a - 1] * phi[b - 1] * gamma[Math.Abs(u - (b - j - 1))];
                }
            }
            foreach (var c in _ma)
            {
                var v = c - j;
                if (v >= u + 1)
                {
                    sum += phi[a - 1] * Theta(c) * psi[v - u - 1];
                }
            }
        }
        foreach (var c in _ma)
        {
            if (c < i)
            {
                continue;
            }
            var u = c - i;
            foreach (var b in _ar)
            {
                var v = b - j - 1;
                if (v >= 0 && u >= v + 1)
                {
                    sum += Theta(c) * phi[b - 1] * psi[u - v - 1];
                }
            }
            sum += Theta(c) * Theta(c - i + j);
        }
        return sum;
    }

    /// <summary>
    /// γ(0..count−1): the first p + 1 from the linear equations γ(k) − Σ φ_i γ(|k − i|) = Σ_{j≥k} θ_j ψ_{j−k}, the rest by
    /// the recursion those equations give.
    /// </summary>
    private double[] Autocovariances(int count)
    {
        var (phi, psi, p, q) = (_phi, _psi, _phi.Length, _q);
        double Right(int k)
        {
            var value = 0.0;
            for (var j = k; j <= q; j++)
            {
                value += Theta(j) * psi[j - k];
            }
            return value;
        }
        var gamma = new double[Math.Max(count, p + 1)];
        if (p > 0)
        {
            var size = p + 1;
            // Solved at every likelihood evaluation: on the stack unless the AR order is unusually high.
            var system = size * size <= 1024 ? stackalloc double[size * size] : new double[size * size];
            for (var k = 0; k <= p; k++)
            {
                system[k * size + k] += 1;
                for (var i = 1; i <= p; i++)
                {
                    system[k * size + Math.Abs(k - i)] -= phi[i - 1];
                }
                gamma[k] = Right(k);
            }
            Solve(system, gamma.AsSpan(0, size));
        }
        for (var k = p == 0 ? 0 : p + 1; k < gamma.Length; k++)
        {
            var value = Right(k);
            for (var i = 1; i <= p; i++)
            {
                value += phi[i - 1] * gamma[k - i];
            }
            gamma[k] = value;
        }
        return gamma;
    }

    /// <summary>
    /// Solves A x = b in place by Gaussian elimination with partial pivoting: A is n × n, row-major, and is overwritten; b
    /// becomes x. The systems here are small (a seasonal AR order plus one) and solved at every likelihood evaluation.
    /// </summary>
    private static void Solve(Span<double> a, Span<double> b)
    {
        var n = b.Length;
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var row = col + 1; row < n; row++)
            {
                if (Math.Abs(a[row * n + col]) > Math.Abs(a[pivot * n + col]))
                {
                    pivot = row;
                }
            }
            if (pivot != col)
            {
                for (var j = 0; j < n; j++)
                {
                    (a[col * n + j], a[pivot * n + j]) = (a[pivot * n + j], a[col * n + j]);
                }
                (b[col], b[pivot]) = (b[pivot], b[col]);
            }
            var diagonal = a[col * n + col];
            for (var row = col + 1; row < n; row++)
            {
                var factor = a[row * n + col] / diagonal;
                if (factor == 0)
                {
                    continue;
                }
                for (var j = col + 1; j < n; j++)
                {
                    a[row * n + j] -= factor * a[col * n + j];
                }
                b[row] -= factor * b[col];
            }
        }
        for (var row = n - 1; row >= 0; row--)
        {
            var sum = b[row];
            for (var j = row + 1; j < n; j++)
            {
                sum -= a[row * n + j] * b[j];
            }
            b[row] = sum / a[row * n + row];
        }
    }
}
