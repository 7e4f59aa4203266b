package dev.recon.stack.bench;

import java.util.List;

/** The places, warehouses, brands and products of {@code gen_reports.py}, so data looks alike. */
final class ReferenceData {

  record City(String name, String state, int pinPrefix) {}

  record Warehouse(String id, String state) {}

  record GstState(String name, String code) {}

  /** A kind of product: HSN code, GST rate in percent and price range in rupees. */
  record ProductKind(String noun, String hsn, int gstRate, int lowRupees, int highRupees) {}

  static final List<City> CITIES =
      List.of(
          new City("BENGALURU", "KARNATAKA", 560),
          new City("MUMBAI", "MAHARASHTRA", 400),
          new City("NEW DELHI", "DELHI", 110),
          new City("CHENNAI", "TAMIL NADU", 600),
          new City("HYDERABAD", "TELANGANA", 500),
          new City("PUNE", "MAHARASHTRA", 411),
          new City("KOLKATA", "WEST BENGAL", 700),
          new City("AHMEDABAD", "GUJARAT", 380),
          new City("JAIPUR", "RAJASTHAN", 302),
          new City("LUCKNOW", "UTTAR PRADESH", 226),
          new City("KOCHI", "KERALA", 682),
          new City("GUWAHATI", "ASSAM", 781),
          new City("BHOPAL", "MADHYA PRADESH", 462),
          new City("CHANDIGARH", "CHANDIGARH", 160),
          new City("PATNA", "BIHAR", 800),
          new City("INDORE", "MADHYA PRADESH", 452),
          new City("NAGPUR", "MAHARASHTRA", 440),
          new City("COIMBATORE", "TAMIL NADU", 641),
          new City("VISAKHAPATNAM", "ANDHRA PRADESH", 530),
          new City("BHUBANESWAR", "ODISHA", 751),
          new City("GURUGRAM", "HARYANA", 122),
          new City("NOIDA", "UTTAR PRADESH", 201),
          new City("MYSURU", "KARNATAKA", 570),
          new City("THANE", "MAHARASHTRA", 400),
          new City("SURAT", "GUJARAT", 395),
          new City("DEHRADUN", "UTTARAKHAND", 248));

  static final List<Warehouse> WAREHOUSES =
      List.of(
          new Warehouse("BLR7", "KARNATAKA"),
          new Warehouse("BOM5", "MAHARASHTRA"),
          new Warehouse("DEL4", "HARYANA"),
          new Warehouse("MAA4", "TAMIL NADU"),
          new Warehouse("HYD8", "TELANGANA"),
          new Warehouse("CCU1", "WEST BENGAL"),
          new Warehouse("PNQ2", "MAHARASHTRA"),
          new Warehouse("AMD2", "GUJARAT"),
          new Warehouse("LKO1", "UTTAR PRADESH"));

  static final List<String> PAYMENT_METHODS =
      List.of("Other", "Other", "COD", "CreditCard", "NetBanking", "UPI", "Wallet");

  static final List<String> BRANDS =
      List.of(
          "boAt",
          "Noise",
          "Milton",
          "Prestige",
          "Cello",
          "Wildcraft",
          "Lakme",
          "Mamaearth",
          "Syska",
          "Portronics",
          "Solimo",
          "Jockey",
          "Puma",
          "Bajaj",
          "Pigeon",
          "Himalaya",
          "Classmate",
          "Philips",
          "Havells",
          "Skybags");

  static final List<ProductKind> PRODUCTS =
      List.of(
          new ProductKind("Bluetooth Earphones", "85176290", 18, 499, 2999),
          new ProductKind("Smart Watch", "85176290", 18, 1299, 6999),
          new ProductKind("Stainless Steel Water Bottle, 1 Litre", "73239390", 12, 249, 899),
          new ProductKind("Pressure Cooker 5 L", "76151030", 12, 1199, 3499),
          new ProductKind("Laptop Backpack", "42021290", 18, 799, 2999),
          new ProductKind("Cotton T-Shirt", "61091000", 5, 299, 999),
          new ProductKind("Face Wash 100ml", "33049990", 18, 149, 399),
          new ProductKind("LED Bulb 9W, Pack of 4", "85395000", 12, 199, 599),
          new ProductKind("Power Bank 20000mAh", "85076000", 18, 999, 2499),
          new ProductKind("Notebook, 172 Pages, Pack of 6", "48202000", 12, 199, 449),
          new ProductKind("Mixer Grinder 750W", "85094010", 18, 2499, 6999),
          new ProductKind("Running Shoes", "64041190", 18, 1499, 5999),
          new ProductKind("Herbal Shampoo 400ml", "33051090", 18, 199, 499),
          new ProductKind("Air Fryer 4.2 L", "85166000", 18, 3999, 9999),
          new ProductKind("Ceiling Fan 1200mm", "84145110", 18, 1799, 4499),
          new ProductKind("Trolley Bag, Medium", "42021210", 18, 2499, 7999),
          new ProductKind("Smartphone 128 GB", "85171300", 18, 9999, 24999),
          new ProductKind("Kids Story Book", "49011010", 5, 99, 349),
          new ProductKind("Yoga Mat 6mm", "95069990", 12, 399, 1199),
          new ProductKind("Wireless Mouse", "84716060", 18, 349, 1299));

  static final List<String> COLORS =
      List.of("Black", "Blue", "Grey", "Red", "White", "Green", "Pink", "Navy");

  static final List<String> ORDER_PREFIXES =
      List.of("402", "403", "404", "405", "406", "407", "408", "171");

  /** The states a seller may be registered in, with their GST state codes. */
  static final List<GstState> SELLER_STATES =
      List.of(
          new GstState("KARNATAKA", "29"),
          new GstState("MAHARASHTRA", "27"),
          new GstState("HARYANA", "06"),
          new GstState("TAMIL NADU", "33"),
          new GstState("TELANGANA", "36"),
          new GstState("WEST BENGAL", "19"),
          new GstState("GUJARAT", "24"),
          new GstState("UTTAR PRADESH", "09"));

  private ReferenceData() {}
}
