namespace CostInsights.Migrations; public static class X {}
