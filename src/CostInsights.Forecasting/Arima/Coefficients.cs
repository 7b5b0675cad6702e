using System.Numerics;
using MathNet.Numerics;

namespace CostInsights.Forecasting.Arima;

/// <summary>
/// What R's <c>arima()</c> does to an ARIMA model's coefficients: maps AR coefficients to and from unconstrained values
/// through the partial autocorrelations (Jones 1980), so that a search over all reals stays stationary; multiplies the
/// seasonal polynomials into the non-seasonal ones; flips MA roots inside the unit circle outside; and tests roots.
/// The coefficient vector is ordered as R orders it: ar, ma, sar, sma, then regression coefficients.
/// </summary>
internal static class Coefficients
{
    /// <summary>The AR and MA polynomials of the whole model, the seasonal parts multiplied in.</summary>
    public static (double[] Phi, double[] Theta) Expand(ReadOnlySpan<double> coefficients, ArimaOrder order, bool transform)
    {
        var (mp, mq, msp, msq, ns) = (order.P, order.Q, order.SeasonalP, order.SeasonalQ, order.Period);
        Span<double> par = stackalloc double[mp + mq + msp + msq];
        coefficients[..par.Length].CopyTo(par);
        if (transform)
        {
            if (mp > 0)
            {
                FromPartial(coefficients[..mp], par[..mp]);
            }
            if (msp > 0)
            {
                FromPartial(coefficients.Slice(mp + mq, msp), par.Slice(mp + mq, msp));
            }
        }
        var phi = new double[mp + ns * msp];
        var theta = new double[mq + ns * msq];
        for (var i = 0; i < mp; i++)
        {
            phi[i] = par[i];
        }
        for (var i = 0; i < mq; i++)
        {
            theta[i] = par[i + mp];
        }
        for (var j = 0; j < msp; j++)
        {
            phi[(j + 1) * ns - 1] += par[j + mp + mq];
            for (var i = 0; i < mp; i++)
            {
                phi[(j + 1) * ns + i] -= par[i] * par[j + mp + mq];
            }
        }
        for (var j = 0; j < msq; j++)
        {
            theta[(j + 1) * ns - 1] += par[j + mp + mq + msp];
            for (var i = 0; i < mq; i++)
            {
                theta[(j + 1) * ns + i] += par[i + mp] * par[j + mp + mq + msp];
            }
        }
        return (phi, theta);
    }

    /// <summary>The AR coefficients the unconstrained values stand for (R's <c>partrans</c>): tanh, then Durbin–Levinson.</summary>
    public static void FromPartial(ReadOnlySpan<double> raw, Span<double> result)
    {
        var p = raw.Length;
        Span<double> work = stackalloc double[p];
        for (var j = 0; j < p; j++)
        {
            work[j] = result[j] = Math.Tanh(raw[j]);
        }
        for (var j = 1; j < p; j++)
        {
            var a = result[j];
            for (var k = 0; k < j; k++)
            {
                work[k] -= a * result[j - k - 1];
            }
            for (var k = 0; k < j; k++)
            {
                result[k] = work[k];
            }
        }
    }

    /// <summary>The unconstrained values of stationary AR coefficients (R's <c>invpartrans</c>).</summary>
    public static void ToPartial(ReadOnlySpan<double> phi, Span<double> result)
    {
        var p = phi.Length;
        Span<double> work = stackalloc double[p];
        for (var j = 0; j < p; j++)
        {
            work[j] = result[j] = phi[j];
        }
        for (var j = p - 1; j > 0; j--)
        {
            var a = result[j];
            for (var k = 0; k < j; k++)
            {
                work[k] = (result[k] + a * result[j - k - 1]) / (1 - a * a);
            }
            for (var k = 0; k < j; k++)
            {
                result[k] = work[k];
            }
        }
        for (var j = 0; j < p; j++)
        {
            result[j] = Math.Atanh(result[j]);
        }
    }

    /// <summary>Applies <see cref="ToPartial"/> to the AR and seasonal AR blocks of a coefficient vector.</summary>
    public static double[] Untransformed(double[] coefficients, ArimaOrder order) =>
        MapArBlocks(coefficients, order, (from, to) => ToPartial(from, to));

    /// <summary>Applies <see cref="FromPartial"/> to the AR and seasonal AR blocks of a coefficient vector.</summary>
    public static double[] Transformed(double[] coefficients, ArimaOrder order) =>
        MapArBlocks(coefficients, order, (from, to) => FromPartial(from, to));

    /// <summary>
    /// The Jacobian of <see cref="Transformed"/> by forward differences of 1e-3 (R's <c>ARIMA_Gradtrans</c>), square over
    /// all coefficients, column-major: A[i + j·n] is the change of coefficient j per unit of unconstrained value i.
    /// </summary>
    public static double[] TransformJacobian(double[] coefficients, ArimaOrder order)
    {
        const double eps = 1e-3;
        var n = coefficients.Length;
        var a = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            a[i + i * n] = 1;
        }
        Block(0, order.P);
        Block(order.P + order.Q, order.SeasonalP);
        return a;

        void Block(int offset, int count)
        {
            if (count == 0)
            {
                return;
            }
            var w1 = coefficients.AsSpan(offset, count).ToArray();
            var w2 = new double[count];
            var w3 = new double[count];
            FromPartial(w1, w2);
            for (var i = 0; i < count; i++)
            {
                w1[i] += eps;
                FromPartial(w1, w3);
                for (var j = 0; j < count; j++)
                {
                    a[i + offset + (j + offset) * n] = (w3[j] - w2[j]) / eps;
                }
                w1[i] -= eps;
            }
        }
    }

    /// <summary>
    /// MA coefficients with every root inside the unit circle replaced by its reciprocal, so the model is invertible and
    /// has the same autocovariances (R's <c>maInvert</c>).
    /// </summary>
    public static void InvertMa(Span<double> ma)
    {
        var q = ma.Length;
        var q0 = q;
        while (q0 > 0 && ma[q0 - 1] == 0)
        {
            q0--;
        }
        if (q0 == 0)
        {
            return;
        }
        var coefficients = new double[q0 + 1];
        coefficients[0] = 1;
        for (var i = 0; i < q0; i++)
        {
            coefficients[i + 1] = ma[i];
        }
        var roots = new Polynomial(coefficients).Roots();
        if (roots.All(z => z.Magnitude >= 1))
        {
            return;
        }
        if (q0 == 1)
        {
            ma[0] = 1 / ma[0];
            ma[1..].Clear();
            return;
        }
        var x = new Complex[] { 1 };
        foreach (var root in roots.Select(z => z.Magnitude < 1 ? 1 / z : z))
        {
            var next = new Complex[x.Length + 1];
            for (var i = 0; i < x.Length; i++)
            {
                next[i] += x[i];
                next[i + 1] -= x[i] / root;
            }
            x = next;
        }
        for (var i = 0; i < q0; i++)
        {
            ma[i] = x[i + 1].Real;
        }
        ma[q0..].Clear();
    }

    /// <summary>
    /// Whether every root of 1 + c₁z + … + c_k z^k lies outside the circle of the given radius, tested by the Schur–Cohn
    /// recursion on the scaled, reversed polynomial; trailing coefficients no larger than <paramref name="negligible"/> are
    /// dropped first, as R drops them before finding roots.
    /// </summary>
    public static bool RootsOutside(ReadOnlySpan<double> c, double radius, double negligible = 0)
    {
        var k = c.Length;
        while (k > 0 && Math.Abs(c[k - 1]) <= negligible)
        {
            k--;
        }
        // 1 + c₁(ρz) + … + c_k(ρz)^k has its roots outside the unit circle where this one has them outside ρ; read highest
        // power first, its coefficients are those of the reversed polynomial, whose roots are the reciprocals.
        Span<double> s = stackalloc double[k + 1];
        s[0] = 1;
        var power = 1.0;
        for (var i = 1; i <= k; i++)
        {
            power *= radius;
            s[i] = c[i - 1] * power;
        }
        return Polynomials.RootsInsideUnitCircle(s);
    }

    private static double[] MapArBlocks(double[] coefficients, ArimaOrder order, SpanMap map)
    {
        var result = (double[])coefficients.Clone();
        if (order.P > 0)
        {
            map(coefficients.AsSpan(0, order.P), result.AsSpan(0, order.P));
        }
        var v = order.P + order.Q;
        if (order.SeasonalP > 0)
        {
            map(coefficients.AsSpan(v, order.SeasonalP), result.AsSpan(v, order.SeasonalP));
        }
        return result;
    }

    private delegate void SpanMap(ReadOnlySpan<double> from, Span<double> to);
}
