namespace CostInsights.Forecasting; public static class X {}
