namespace CostInsights.Core; public static class X {}
