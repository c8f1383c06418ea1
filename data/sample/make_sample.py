"""Generate the bundled sample inputs: supplier master data and open purchase-order lines.

Writes suppliers.csv, sourcing.xlsx, sourcing.csv and README.md. The output is deterministic
(fixed seed, fixed xlsx timestamps), so the committed files can be checked against a fresh run.

    python data/sample/make_sample.py [--out DIR]

All companies are fictional, except the deliberate variants of names on the DHS UFLPA Entity
List and CBP Withhold Release Orders (marked LISTED below), which exist to exercise name matching.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import random
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

SEED = 20260611
HERE = Path(__file__).resolve().parent
SUPPLIER_HEADER = ["Vendor ID", "Supplier Name", "Country", "Address", "Sector"]
SOURCING_HEADER = ["PO Line", "Vendor ID", "Item Description", "HS Code", "Country of Origin",
                   "Qty", "UoM", "Value (USD)", "Ship Date"]
XLSX_TITLE = "Open purchase orders FY2026 – export"
XLSX_SHEET = "PO Lines"
XLSX_FIRST_DATA_ROW = 4  # title, blank, header
FY_START, FY_DAYS = dt.date(2025, 10, 1), 365
FIXED_ZIP_TIME = (2026, 6, 1, 0, 0, 0)
TOTAL_LINES = 400


# --- Products: how buyers write them (description, HS 6-digit or None), unit, qty and price ranges.

@dataclass(frozen=True)
class Product:
    variants: tuple[tuple[str, str | None], ...]
    unit: str
    qty: tuple[int, int]
    price: tuple[float, float]


PRODUCTS = {
    "cocoa": Product((("cocoa beans", "180100"), ("Cocoa Beans - Grade I", "180100"),
                      ("COCOA BEANS MAIN CROP", "180100"), ("Raw cocoa beans, fermented & dried", "180100"),
                      ("Cocoa butter, deodorised", "180400"), ("Cocoa liquor / mass", "180310")),
                     "MT", (10, 250), (5200, 8400)),
    "cotton": Product((("raw cotton", "520100"), ("Cotton lint", "520100"),
                       ('Cotton lint, ginned, 1-1/8" staple', "520100"),
                       ("RAW COTTON BALES SM 1-1/16", "520100")),
                      "MT", (20, 300), (1500, 2100)),
    "yarn": Product((("COTTON YARN 30s", "520523"), ("Cotton yarn Ne 20/1 carded", "520512"),
                     ("100% cotton ring spun yarn 40s combed", "520524")),
                    "KG", (5000, 60000), (2.6, 4.2)),
    "fabric": Product((("Cotton denim fabric 12oz", "520942"), ("Greige poplin 100% cotton", "520812"),
                       ("Knitted jersey fabric CVC 60/40", "600622")),
                      "M", (2000, 30000), (1.2, 4.5)),
    "garments": Product((("men's cotton shirts", "620520"), ("Ladies knit T-shirt 100% cotton", "610910"),
                         ("Denim jeans 5-pocket, men's", "620342"), ("Boys polo shirt pique", "610510"),
                         ("Hoodie fleece CVC 280gsm", "611020"), ("Women's woven blouse viscose", "620640")),
                        "PCS", (1200, 40000), (2.1, 14.0)),
    "shrimp": Product((("frozen shrimp", "030617"), ("Vannamei shrimp HLSO 26/30 IQF", "030617"),
                       ("Shrimp, peeled & deveined, frozen", "030617"),
                       ("Cooked shrimp ring 31/40", "160521")),
                      "KG", (2000, 20000), (6.5, 13.0)),
    "tuna": Product((("Canned tuna chunks in brine", "160414"),
                     ("Frozen skipjack tuna, whole round", "030343")),
                    "KG", (5000, 40000), (1.8, 4.5)),
    "palm": Product((("Crude palm oil", "151110"), ("CPO", "151110"), ("RBD palm olein IV56", "151190"),
                     ("Palm stearin", "151190")),
                    "MT", (200, 3000), (850, 1150)),
    "polysilicon": Product((("polysilicon", "280461"), ("Polysilicon, solar grade 9N", "280461"),
                            ("Poly-Si chunks, dense", "280461")),
                           "KG", (5000, 80000), (5.5, 9.5)),
    "wafers": Product((("Mono wafers M10 182mm", "381800"), ("n-type silicon wafers G12", "381800")),
                      "PCS", (50000, 500000), (0.12, 0.25)),
    "cells": Product((("Solar cells M10 mono PERC", "854142"), ("PV cells TOPCon 182mm", "854142")),
                     "PCS", (20000, 300000), (0.35, 0.6)),
    "modules": Product((("solar modules 550W", "854143"), ("PV module mono PERC 410W", "854143"),
                        ("Solar panel 580W bifacial", "854143"),
                        ("Photovoltaic modules 445Wp black frame", "854143")),
                       "PCS", (500, 12000), (75, 160)),
    "tomatoes": Product((("tomatoes", "070200"), ("Fresh tomatoes Roma, 25 lb box", "070200"),
                         ("Tomatoes on the vine", "070200")),
                        "KG", (5000, 60000), (0.9, 2.4)),
    "tomato_paste": Product((("Tomato paste 28-30 brix", "200290"), ("Canned tomatoes diced", "200210")),
                            "KG", (10000, 80000), (0.8, 1.6)),
    "gold": Product((("Gold bullion", "710812"), ("Gold doré bars", "710812"),
                     ("Unwrought gold 99.99%", "710812")),
                    "OZ", (50, 1500), (2900, 4200)),
    "tantalum": Product((("Tantalum ore", "261590"), ("Coltan concentrate 30% Ta2O5", "261590")),
                        "KG", (500, 8000), (45, 120)),
    "electronics": Product((("Electronics - PCBA", "847330"),
                            ("Printed circuit board assembly, controller", "847330"),
                            ("Smartphone display module", "851779"), ("Bluetooth earbuds", "851830"),
                            ("USB-C charger 20W", "850440")),
                           "PCS", (500, 20000), (4, 60)),
    "bricks": Product((("Bricks (clay)", "690410"), ("Red clay bricks, 9x4.5x3 in", "690410"),
                       ("Fired building bricks", "690410")),
                      "PCS", (20000, 200000), (0.05, 0.12)),
    "hazelnuts": Product((("Hazelnuts", "080222"), ("Hazelnut kernels natural 11-13mm", "080222"),
                          ("Roasted hazelnuts, blanched", "080222"), ("Hazelnuts in shell", "080221")),
                         "KG", (2000, 40000), (6, 11)),
    "sugar": Product((("sugar cane", "121293"), ("Raw cane sugar VHP", "170114"),
                      ("Cane sugar, raw, ICUMSA 600-1200", "170114")),
                     "MT", (100, 5000), (380, 620)),
    "coffee": Product((("Green coffee SHB EP", "090111"), ("coffee beans arabica washed", "090111"),
                       ("Roasted coffee beans, espresso blend", "090121")),
                      "KG", (5000, 40000), (4, 9)),
    "tea": Product((("Black tea CTC BP1", "090240"), ("Green tea sencha", "090220")),
                   "KG", (2000, 20000), (2.5, 6)),
    "gloves": Product((("Nitrile examination gloves, powder free", "401519"),
                       ("Latex surgical gloves", "401512")),
                      "BOX", (2000, 30000), (3, 8)),
    "carpets": Product((("Hand-knotted wool rug 8x10", "570110"), ("Flatweave kilim cotton", "570231")),
                       "PCS", (50, 800), (90, 600)),
    "hair": Product((("Human hair wigs", "670420"), ("Hair extensions remy", "670420"),
                     ("False eyelashes", "670420")),
                    "PCS", (1000, 20000), (1.5, 35)),
    "machinery": Product((("CNC machining center 5-axis", "845710"), ("Hydraulic gear pump", "841360"),
                          ("Industrial gearbox", "848340"), ("Spare parts for packaging machine", "842290")),
                         "EA", (1, 40), (1500, 18000)),
    "steel": Product((("Hot rolled steel coil SS400", "720839"), ("Rebar D16 Grade 60", "721420"),
                      ("Galvanized steel sheet 0.5mm", "721049")),
                     "MT", (50, 2000), (520, 780)),
    "packaging": Product((("Corrugated cartons 5-ply", "481910"), ("Stretch film 23mic", "392010"),
                          ("Wooden pallets EPAL", "441520")),
                         "PCS", (1000, 50000), (0.15, 12)),
    "misc": Product((("widgets", None), ("Misc. spare parts", None), ("Freight & handling", None),
                     ("Sample order - assorted", None), ("Stainless steel fasteners M8", "731815")),
                    "EA", (1, 5000), (0.5, 40)),
    "rice": Product((("Jasmine rice 5% broken", "100630"), ("Parboiled rice", "100630")),
                    "MT", (50, 1500), (450, 750)),
}

# How line-level Country of Origin gets written, per ISO alpha-3.
SPELLINGS = {
    "CIV": ["Côte d'Ivoire", "Ivory Coast", "CIV"], "GHA": ["Ghana"], "TKM": ["Turkmenistan"],
    "UZB": ["Uzbekistan", "UZ"], "TUR": ["Turkey", "Türkiye", "TR"],
    "CHN": ["China", "CN", "CHINA", "P.R. China"], "VNM": ["Viet Nam", "Vietnam"],
    "MMR": ["Burma", "Myanmar"], "KOR": ["Korea, South"], "USA": ["USA", "US"],
    "DEU": ["Germany", "DE"], "BGD": ["Bangladesh", "BD"], "IND": ["India", "IN"], "THA": ["Thailand"],
    "PER": ["Peru"], "BFA": ["Burkina Faso"], "IDN": ["Indonesia"], "MYS": ["Malaysia", "MY"],
    "MEX": ["Mexico", "MX"], "CRI": ["Costa Rica"], "BRA": ["Brazil"], "KEN": ["Kenya"], "PAK": ["Pakistan"],
    "COD": ["DRC", "Congo (DRC)"], "ETH": ["Ethiopia"],
}


# --- Suppliers.

@dataclass
class Supplier:
    vid: str
    name: str
    country: str  # as written in the master data
    home: str | None  # ISO alpha-3 the country resolves to (None: blank or unresolvable)
    address: str
    sector: str
    products: tuple[str, ...] = ()
    origins: tuple[str, ...] = ()  # ISO codes the goods come from; default: home
    problem: str | None = None

    def __post_init__(self) -> None:
        self.origins = self.origins or ((self.home,) if self.home else (None,))


def S(vid, name, country, home, address, sector, products, origins="", problem=None) -> Supplier:
    return Supplier(vid, name, country, home, address, sector, tuple(products.split()),
                    tuple(origins.split()), problem)


LISTED = "variant of a UFLPA / WRO listed entity"
HARD_NEGATIVE = "hard negative: shares generic tokens with listed entities, not listed"

SUPPLIERS = [
    # Cocoa: traders and exporters, country spelled three ways.
    S("V-10023", "Harwell Cocoa & Chocolate Inc.", "USA", "USA",
      "1200 Harbor Point Dr, Wilmington, DE 19801", "Food & Beverage", "cocoa", "CIV GHA"),
    S("V-10031", "Asante Cocoa Ghana Ltd", "Ghana", "GHA",
      "Plot 14, Tema Free Zone Enclave, Tema", "Agriculture - Cocoa", "cocoa"),
    S("V-10037", "Société Ivoirienne des Fèves du Sud SARL", "Côte d'Ivoire", "CIV",
      "Zone Industrielle de Vridi, Rue du Canal, Abidjan", "Agriculture - Cocoa", "cocoa"),
    S("V-10042", "Lagune Cacao Export SA", "Ivory Coast", "CIV",
      "18 Boulevard de Marseille, Marcory, Abidjan", "Agriculture - Cocoa", "cocoa coffee"),
    S("V-10044", "San-Pédro Commodities SARL", "CIV", "CIV",
      "Zone Portuaire, BP 1120, San-Pédro", "Agriculture", "cocoa"),
    S("V-10051", "Kumasi Agro Processing Ltd", "Ghana", "GHA",
      "Ahinsan Industrial Area, Kumasi", "Agriculture", "cocoa"),
    # Cotton and textiles.
    S("V-10060", "Lebap Cotton Export Company", "Turkmenistan", "TKM",
      "112 Magtymguly Ave, Ashgabat", "Agriculture - Cotton", "cotton"),
    S("V-10063", "Fergana Textile Cluster LLC", "Uzbekistan", "UZB",
      "45 Mustaqillik St, Fergana", "Textiles", "cotton yarn"),
    S("V-10066", "Aydın Tekstil San. ve Tic. A.Ş.", "Türkiye", "TUR",
      "Organize Sanayi Bölgesi 3. Cad. No:12, Aydın", "Textiles", "yarn fabric", "TUR TKM UZB"),
    S("V-10069", "Ege Pamuk İplik San. ve Tic. A.Ş.", "Turkey", "TUR",
      "Atatürk OSB 10001 Sk. No:4, Çiğli, İzmir", "Textiles", "cotton yarn", "TUR TKM"),
    S("V-10072", "Shandong Huaxin Textile Co., Ltd.", "CN", "CHN",
      "No. 66 Binhe Rd, Binzhou, Shandong", "Textiles", "yarn fabric"),
    S("V-10075", "Multan Cotton Ginners (Pvt.) Ltd.", "Pakistan", "PAK",
      "Vehari Road, Multan, Punjab", "Agriculture - Cotton", "cotton yarn"),
    # Garments.
    S("V-10081", "Dhaka Apparels & Knitwear Ltd.", "Bangladesh", "BGD",
      "Plot 22, Ashulia Rd, Savar, Dhaka 1341", "Apparel", "garments"),
    S("V-10084", "Karnaphuli Garments Sourcing Ltd", "Bangladesh", "BGD",
      "Sector 3, CEPZ, Chattogram 4223", "Apparel", "garments"),
    S("V-10088", "Tirupur Knit Exports Pvt. Ltd.", "India", "IND",
      "14/2 Avinashi Road, Tiruppur, Tamil Nadu 641603", "Apparel", "garments yarn"),
    S("V-10090", "Noida Fashion Overseas Pvt Ltd", "India", "IND",
      "C-44 Sector 63, Noida, Uttar Pradesh 201301", "Apparel", "garments"),
    S("V-10093", "Binh An Garment JSC", "Viet Nam", "VNM",
      "Lot B3, Song Than 2 IZ, Di An, Binh Duong", "Apparel", "garments"),
    S("V-10095", "Yangon Apparel Manufacturing Co., Ltd.", "Burma", "MMR",
      "Plot 7, Shwe Lin Ban Industrial Zone, Hlaing Tharyar, Yangon", "Apparel", "garments"),
    S("V-10097", "Golden Lotus Garment Co., Ltd.", "Myanmar", "MMR",
      "No. 41, Mingaladon Industrial Park, Yangon", "Apparel", "garments"),
    # Solar and polysilicon.
    S("V-10102", "Hoshine Silicon Industry (Shanshan) Co Ltd", "CN", "CHN",  # LISTED
      "Shanshan Industrial Park, Shanshan County, Turpan, Xinjiang", "Chemicals / Silicon", "polysilicon",
      problem=LISTED),
    S("V-10105", "XINJIANG DAQO NEW ENERGY CO.,LTD", "CHINA", "CHN",  # LISTED
      "No. 66 Weiwu Rd, Shihezi Economic Development Zone, Xinjiang", "Solar / PV", "polysilicon",
      problem=LISTED),
    S("V-10107", "Xinjiang GCL New Energy Materials Technology Co.", "P.R. China", "CHN",  # LISTED
      "Ganquanpu Economic Development Zone, Urumqi, Xinjiang", "Solar / PV", "polysilicon",
      problem=LISTED),
    S("V-10110", "Jiangsu Sunrise PV Technology Co., Ltd.", "China", "CHN",
      "No. 18 Xinye Rd, Yancheng, Jiangsu", "Solar / PV", "modules cells wafers"),
    S("V-10113", "Zhejiang Brightpeak Solar Co., Ltd.", "CN", "CHN",
      "No. 1 Guangming Ave, Haining, Zhejiang", "Solar / PV", "modules"),
    S("V-10116", "Hanoi Solartech Co., Ltd.", "Vietnam", "VNM",
      "Lot CN-05, Quang Chau IZ, Bac Giang", "Solar / PV", "modules cells", "VNM CHN"),
    # Hair products and tomatoes: listed entities.
    S("V-10121", "Hetian Haolin Hair Accessories Company Limited", "China", "CHN",  # LISTED
      "Beijing West Rd Industrial Zone, Hotan, Xinjiang", "Consumer goods - Hair", "hair", problem=LISTED),
    S("V-10124", "Lop County Meixin Hair Products Co Ltd", "CN", "CHN",  # LISTED
      "Hair Product Industrial Park, Lop County, Hotan Prefecture, Xinjiang", "Consumer goods - Hair", "hair",
      problem=LISTED),
    S("V-10127", "Agropecuarios Tom, S.A. de C.V.", "Mexico", "MEX",  # LISTED (WRO)
      "Carretera Federal 15 km 8, Culiacán, Sinaloa", "Agriculture - Produce", "tomatoes", problem=LISTED),
    # Hard negatives: generic tokens shared with listed names.
    S("V-10130", "Xinjiang Cotton Trading Co., Ltd.", "China", "CHN",
      "No. 8 Xinhua Rd, Shihezi, Xinjiang", "Trading", "cotton", problem=HARD_NEGATIVE),
    S("V-10133", "Shanshan Silicone Rubber Products Co., Ltd.", "CN", "CHN",
      "No. 9 Gongye Rd, Chang'an Town, Dongguan, Guangdong", "Chemicals / Rubber", "misc packaging",
      problem=HARD_NEGATIVE),
    S("V-10136", "Hetian Jade Crafts Co., Ltd.", "China", "CHN",
      "No. 27 Yuelong Rd, Suzhou, Jiangsu", "Handicrafts", "misc", problem=HARD_NEGATIVE),
    S("V-10139", "Western Gold Refining Pty Ltd", "Australia", "AUS",
      "14 Kalgoorlie St, Welshpool WA 6106", "Mining & Metals", "gold", "AUS PER", problem=HARD_NEGATIVE),
    # Other high-risk goods.
    S("V-10142", "Nuevo Amanecer S.A. de C.V.", "MX", "MEX",
      "Av. Industrial 450, Parque Industrial, Culiacán, Sinaloa", "Agriculture - Produce", "tomatoes"),
    S("V-10145", "Andes Metales Preciosos S.A.C.", "Peru", "PER",
      "Av. Javier Prado Este 2450, San Borja, Lima", "Mining & Metals", "gold"),
    S("V-10148", "Sahel Or Négoce SARL", "Burkina Faso", "BFA",
      "Avenue Kwame Nkrumah, 01 BP 1450, Ouagadougou", "Mining & Metals", "gold"),
    S("V-10151", "Kivu Minerals Trading SARL", "DRC", "COD",
      "12 Avenue du Lac, Goma, Nord-Kivu", "Mining & Metals", "tantalum"),
    S("V-10154", "Siam Ocean Seafood Co., Ltd.", "Thailand", "THA",
      "99/9 Moo 2, Tha Chalom, Mueang Samut Sakhon 74000", "Seafood", "shrimp tuna"),
    S("V-10157", "Andaman Frozen Foods Co., Ltd.", "Thailand", "THA",
      "55 Moo 4, Tambon Khao Rup Chang, Mueang Songkhla 90000", "Seafood", "shrimp"),
    S("V-10160", "PT Sinar Lestari Agro Resources", "Indonesia", "IDN",
      "Jl. MH Thamrin No. 51, Jakarta Pusat 10350", "Agriculture - Palm oil", "palm"),
    S("V-10163", "Perak Palm Industries Sdn. Bhd.", "Malaysia", "MYS",
      "Lot 2, Jalan Perusahaan, 36000 Teluk Intan, Perak", "Agriculture - Palm oil", "palm"),
    S("V-10166", "Klang Medical Gloves Sdn Bhd", "MY", "MYS",
      "Lot 5, Jalan Kapar, 42100 Klang, Selangor", "Medical supplies", "gloves"),
    S("V-10169", "Penang Precision Electronics Sdn. Bhd.", "Malaysia", "MYS",
      "Plot 88, Bayan Lepas FIZ Phase 4, 11900 Penang", "Electronics", "electronics"),
    S("V-10172", "Shenzhen Jiahe Electronics Co., Ltd.", "CHINA", "CHN",
      "Building 5, Fuyong Industrial Park, Bao'an, Shenzhen", "Electronics", "electronics"),
    S("V-10175", "Gujranwala Clay Bricks (Pvt.) Ltd.", "Pakistan", "PAK",
      "G.T. Road, Kamoke, Gujranwala", "Building materials", "bricks"),
    S("V-10178", "Rajshahi Brick Fields Ltd.", "Bangladesh", "BGD",
      "Naohata, Paba, Rajshahi", "Building materials", "bricks"),
    S("V-10181", "Karadeniz Fındık Gıda San. ve Tic. A.Ş.", "Turkey", "TUR",
      "Sahil Yolu No:88, Giresun", "Food - Nuts", "hazelnuts"),
    S("V-10184", "Ordu Hazelnut Export Ltd. Şti.", "Türkiye", "TUR",
      "Akyazı Mah. Fındık Cad. No:3, Altınordu, Ordu", "Food - Nuts", "hazelnuts"),
    S("V-10187", "Usina Boa Esperança Açúcar e Álcool Ltda.", "Brasil", None,  # deliberately unresolvable
      "Rodovia SP-330 km 312, Ribeirão Preto, SP", "Agriculture - Sugar", "sugar", "BRA",
      problem='Country "Brasil" (Portuguese spelling) does not resolve; deliberate'),
    S("V-10190", "Bhadohi Handloom Carpets Pvt. Ltd.", "India", "IND",
      "GT Road, Bhadohi, Uttar Pradesh 221401", "Home textiles", "carpets"),
    S("V-10193", "Kericho Highlands Tea Ltd", "Kenya", "KEN",
      "Moi Highway, Kericho", "Agriculture - Tea", "tea"),
    S("V-10196", "Hebei Ruifeng Food Co., Ltd.", "P.R. China", "CHN",
      "No. 30 Jianshe St, Xingtai, Hebei", "Food processing", "tomato_paste"),
    # Lower risk.
    S("V-10201", "Beneficio Los Santos S.A.", "Costa Rica", "CRI",
      "300 m sur de la Iglesia, San Marcos de Tarrazú, San José", "Agriculture - Coffee", "coffee"),
    S("V-10204", "Cafés del Valle Sur S.A.C.", "Peru", "PER",
      "Jr. Lima 321, Jaén, Cajamarca", "Agriculture - Coffee", "coffee"),
    S("V-10207", "Malnad Coffee Limited", "India", "IND",
      "Coffee Estate Rd, Chikkamagaluru, Karnataka 577101", "Agriculture - Coffee", "coffee tea"),
    S("V-10210", "Rheinwerk Maschinenbau GmbH", "Germany", "DEU",
      "Industriestraße 14, 47829 Krefeld", "Industrial machinery", "machinery"),
    S("V-10213", "Schwabentechnik Antriebe GmbH & Co. KG", "Deutschland", "DEU",
      "Robert-Bosch-Str. 7, 73037 Göppingen", "Industrial machinery", "machinery"),
    S("V-10216", "Hanil Precision Co., Ltd.", "Korea, South", "KOR",
      "45 Gongdan-ro, Seongsan-gu, Changwon, Gyeongsangnam-do", "Industrial machinery", "machinery"),
    S("V-10219", "Midwest Packaging Supply LLC", "USA", "USA",
      "4410 W 66th St, Chicago, IL 60629", "Packaging", "packaging"),
    S("V-10222", "Great Lakes Industrial Components Inc.", "United States", "USA",
      "2100 Harvester Rd, Toledo, OH 43612", "Industrial supplies", "misc"),
    S("V-10225", "Hoa Binh Steel JSC", "Viet Nam", "VNM",
      "Pho Noi A Industrial Zone, Van Lam, Hung Yen", "Steel", "steel"),
    S("V-10228", "Mekong Delta Rice Export JSC", "Vietnam", "VNM",
      "Tra Noc 1 IZ, Binh Thuy, Can Tho", "Agriculture - Rice", "rice"),
    # Problem rows (besides the duplicate and blank id appended at the end).
    S("V-10231", "Golden Harvest Trading FZE", "", None,
      "LOB 15, Jebel Ali Free Zone, Dubai", "Trading", "cocoa hazelnuts", "CIV TUR",
      problem="Country is blank"),
    S("V-10234", "Sunrise Global Sourcing Ltd", "", None,
      "Unit 1203, 12/F, Tower A, Mody Rd, Tsim Sha Tsui, Kowloon", "Trading", "garments electronics",
      problem="Country is blank"),
    S("V-10237", "Poseidon Marine Products Ltd.", "Atlantis", None,
      "1 Harbour Rd, Port Poseidon", "Seafood", "shrimp", problem='Country "Atlantis" is not a country'),
]

# Appended after the sorted master data, as a late merge from a second system would.
LATE_ROWS = [
    S("V-10044", "San Pedro Logistique SA", "Côte d'Ivoire", "CIV",
      "Rue des Transitaires, San-Pédro", "Logistics", "", problem="Vendor ID V-10044 repeats an earlier row"),
    S("", "Meridian Spice Traders", "India", "IND",
      "23 Mattancherry Rd, Kochi, Kerala 682002", "Food - Spices", "", problem="Vendor ID is blank"),
]

# Seeded filler suppliers: (ISO, country spellings, name pattern, brands, places, address pattern,
# industries), each industry as (word in the name, Sector, products).
FILLER_COUNTRIES = [
    ("CHN", ["China", "CN", "CHINA", "P.R. China"], "{place} {brand} {ind} Co., Ltd.",
     ["Tianyu", "Hengxin", "Baoyuan", "Lianfa", "Kaida", "Mingtai", "Yuxiang"],
     ["Ningbo, Zhejiang", "Xiamen, Fujian", "Qingdao, Shandong", "Foshan, Guangdong", "Wenzhou, Zhejiang"],
     "No. {n} Xingye Rd, {place_full}",
     [("Textile", "Textiles", "yarn fabric"), ("Garment", "Apparel", "garments"),
      ("Electronic Technology", "Electronics", "electronics"), ("Hardware", "Industrial supplies", "misc")]),
    ("VNM", ["Viet Nam", "Vietnam"], "{brand} {ind} Joint Stock Company",
     ["Phu Thinh", "Minh Khang", "Tan Loc", "Hung Thinh"], ["Binh Duong", "Dong Nai", "Ca Mau"],
     "Lot {n}, Tan Uyen Industrial Zone, {place_full}",
     [("Garment", "Apparel", "garments"), ("Seafood", "Seafood", "shrimp"),
      ("Coffee", "Agriculture - Coffee", "coffee")]),
    ("IND", ["India"], "{brand} {ind} Pvt. Ltd.",
     ["Shree Sai", "Lakshmi Narayan", "Anand Vihar", "Shakti Nagar"], ["Ludhiana, Punjab", "Surat, Gujarat"],
     "Plot {n}, GIDC Estate, {place_full}",
     [("Spinning Mills", "Textiles", "yarn"), ("Apparels", "Apparel", "garments"),
      ("Agro Foods", "Agriculture", "rice")]),
    ("BGD", ["Bangladesh"], "{brand} {ind} Ltd.",
     ["Rupsha", "Padma Valley", "Sonargaon", "Madhumati"], ["Gazipur", "Narayanganj"],
     "Holding {n}, BSCIC Industrial Area, {place_full}", [("Knit Composite", "Apparel", "garments")]),
    ("TUR", ["Turkey", "Türkiye"], "{brand} {ind} San. ve Tic. A.Ş.",
     ["Yıldız", "Akdeniz", "Marmara", "Kuzey"], ["Bursa", "Denizli", "Gaziantep"],
     "OSB {n}. Cad. No:7, {place_full}",
     [("Tekstil", "Textiles", "yarn fabric"), ("Konfeksiyon", "Apparel", "garments")]),
    ("IDN", ["Indonesia"], "PT {brand} {ind}", ["Sumber Jaya", "Mitra Abadi", "Cahaya Baru"],
     ["Medan, Sumatera Utara", "Pekanbaru, Riau"], "Jl. Raya Industri No. {n}, {place_full}",
     [("Agro Lestari", "Agriculture - Palm oil", "palm"), ("Garmindo", "Apparel", "garments")]),
    ("THA", ["Thailand"], "{brand} {ind} Co., Ltd.", ["Chao Phraya", "Siam Kasem", "Rattana"],
     ["Mueang Samut Sakhon 74000", "Si Racha, Chonburi 20230", "Bang Pa-in, Ayutthaya 13160"],
     "{n}/2 Moo 5, {place_full}",
     [("Frozen Foods", "Seafood", "shrimp tuna"), ("Electronics", "Electronics", "electronics")]),
    ("USA", ["USA", "United States"], "{brand} {ind} Inc.",
     ["Prairie", "Keystone", "Bluewater", "Summit Ridge"],
     ["Columbus, OH 43219", "Allentown, PA 18109", "Reno, NV 89502"], "{n} Commerce Pkwy, {place_full}",
     [("Industrial Supply", "Industrial supplies", "misc packaging"),
      ("Ingredients", "Food & Beverage", "cocoa")]),
    ("DEU", ["Germany", "DE"], "{brand} {ind} GmbH", ["Nordhaus", "Weserland", "Albtal"],
     ["33602 Bielefeld", "72760 Reutlingen", "28307 Bremen"], "Gewerbestraße {n}, {place_full}",
     [("Maschinenbau", "Industrial machinery", "machinery"), ("Verpackung", "Packaging", "packaging")]),
    ("MEX", ["Mexico", "MX"], "{brand} {ind} S.A. de C.V.", ["Valle Verde", "Agrícola Sol", "Del Pacífico"],
     ["Culiacán, Sinaloa", "Guadalajara, Jalisco"], "Blvd. Industrial {n}, {place_full}",
     [("Hortalizas", "Agriculture - Produce", "tomatoes"), ("Confecciones", "Apparel", "garments")]),
    ("MYS", ["Malaysia", "MY"], "{brand} {ind} Sdn. Bhd.", ["Seri Mutiara", "Bukit Indah"],
     ["Ipoh, Perak", "Kulim, Kedah"], "Lot {n}, Kawasan Perindustrian, {place_full}",
     [("Gloves", "Medical supplies", "gloves"), ("Electronics", "Electronics", "electronics")]),
]
N_FILLER_SUPPLIERS = 14


def filler_suppliers(rng: random.Random, taken: set[str]) -> list[Supplier]:
    out, brands_used = [], set()
    while len(out) < N_FILLER_SUPPLIERS:
        iso, spellings, pattern, brands, places, address, industries = rng.choice(FILLER_COUNTRIES)
        word, sector, products = rng.choice(industries)
        place_full, brand = rng.choice(places), rng.choice(brands)
        name = pattern.format(place=place_full.split(",")[0], brand=brand, ind=word)
        vid = f"V-{rng.randrange(10300, 19999)}"
        if brand in brands_used or vid in taken:
            continue
        brands_used.add(brand)
        taken.add(vid)
        out.append(S(vid, name, rng.choice(spellings), iso,
                     address.format(n=rng.randrange(2, 300), place_full=place_full), sector, products))
    return out


# --- Hand-written sourcing lines: (Vendor ID, product, description, HS code, Country of Origin, extra).
# Consecutive lines of the same vendor share a purchase order. HS "" means blank, "*" means "pick one".

CURATED_LINES = [
    # Cocoa from Côte d'Ivoire in every spelling, and from Ghana.
    ("V-10023", "cocoa", "cocoa beans", "1801.00", "Côte d'Ivoire", {}),
    ("V-10023", "cocoa", "Cocoa Beans - Grade I", "", "Ivory Coast", {}),
    ("V-10023", "cocoa", "cocoa beans", "180100", "CIV", {}),
    ("V-10023", "cocoa", "Cocoa Beans - Grade I", "1801.00.0000", "Ghana", {}),
    ("V-10037", "cocoa", "", "1801.00", "", {}),
    ("V-10037", "cocoa", "COCOA BEANS MAIN CROP", "", "Côte d'Ivoire", {"value_text": True}),
    ("V-10042", "cocoa", "Cocoa butter, deodorised", "1804.00", "Ivory Coast", {}),
    ("V-10044", "cocoa", "Raw cocoa beans, fermented & dried", "", "CIV", {}),
    ("V-10031", "cocoa", "cocoa beans", "", "Ghana", {}),
    ("V-10031", "cocoa", "", "180100", "Ghana", {}),
    ("V-10051", "cocoa", "Cocoa liquor / mass", "1803.10", "", {}),
    # Cotton from Turkmenistan and Uzbekistan, also through Turkish spinners.
    ("V-10060", "cotton", "raw cotton", "5201.00", "Turkmenistan", {}),
    ("V-10060", "cotton", "", "5201.00.2800", "Turkmenistan", {}),
    ("V-10063", "cotton", "Cotton lint", "520100", "Uzbekistan", {}),
    ("V-10063", "yarn", "COTTON YARN 30s", "5205.23", "UZ", {}),
    ("V-10066", "cotton", "raw cotton", "", "Turkmenistan", {}),
    ("V-10066", "yarn", "COTTON YARN 30s", "", "", {}),
    ("V-10069", "cotton", "Cotton lint", "5201.00.1800", "Turkmenistan", {}),
    ("V-10069", "cotton", "Cotton lint", "5201.00", "Uzbekistan", {}),
    ("V-10130", "cotton", "raw cotton", "", "China", {}),
    # Garments from Bangladesh, India, Myanmar.
    ("V-10081", "garments", "men's cotton shirts", "6205.20", "Bangladesh", {}),
    ("V-10081", "garments", "Ladies knit T-shirt 100% cotton", "610910", "", {}),
    ("V-10084", "garments", "", "6109.10", "Bangladesh", {}),
    ("V-10088", "garments", "men's cotton shirts", "", "India", {}),
    ("V-10090", "garments", "Denim jeans 5-pocket, men's", "6203.42", "IN", {}),
    ("V-10095", "garments", "Boys polo shirt pique", "", "Burma", {}),
    ("V-10097", "garments", "Hoodie fleece CVC 280gsm", "", "Myanmar", {}),
    # Polysilicon and solar from China; listed names among the suppliers.
    ("V-10102", "polysilicon", "polysilicon", "2804.61", "China", {}),
    ("V-10105", "polysilicon", "Polysilicon, solar grade 9N", "", "CN", {}),
    ("V-10105", "polysilicon", "", "2804.61", "", {}),
    ("V-10107", "polysilicon", "polysilicon", "280461", "P.R. China", {}),
    ("V-10110", "modules", "solar modules 550W", "8541.43", "China", {}),
    ("V-10110", "cells", "Solar cells M10 mono PERC", "", "", {}),
    ("V-10113", "modules", "", "8541.43", "CHINA", {}),
    ("V-10116", "modules", "solar modules 550W", "854143", "Vietnam", {}),
    ("V-10121", "hair", "Human hair wigs", "6704.20", "China", {}),
    ("V-10124", "hair", "Hair extensions remy", "", "", {}),
    ("V-10127", "tomatoes", "tomatoes", "0702.00", "Mexico", {}),
    # Shrimp from Thailand, gold from Peru and Burkina Faso, hazelnuts from Türkiye.
    ("V-10154", "shrimp", "frozen shrimp", "0306.17", "Thailand", {}),
    ("V-10154", "shrimp", "", "030617", "Thailand", {}),
    ("V-10157", "shrimp", "Vannamei shrimp HLSO 26/30 IQF", "", "", {}),
    ("V-10145", "gold", "Gold bullion", "7108.12", "Peru", {}),
    ("V-10148", "gold", "Gold doré bars", "", "Burkina Faso", {}),
    ("V-10148", "gold", "", "7108.12.1000", "Burkina Faso", {}),
    ("V-10139", "gold", "Gold bullion", "", "Peru", {}),
    ("V-10151", "tantalum", "Tantalum ore", "2615.90", "DRC", {}),
    ("V-10181", "hazelnuts", "Hazelnuts", "0802.22", "Turkey", {}),
    ("V-10184", "hazelnuts", "Hazelnut kernels natural 11-13mm", "", "Türkiye", {}),
    ("V-10184", "hazelnuts", "", "080222", "", {}),
    ("V-10160", "palm", "Crude palm oil", "1511.10", "Indonesia", {}),
    ("V-10163", "palm", "Crude palm oil", "", "Malaysia", {}),
    ("V-10169", "electronics", "Electronics - PCBA", "8473.30", "Malaysia", {}),
    ("V-10172", "electronics", "Electronics - PCBA", "", "China", {}),
    ("V-10175", "bricks", "Bricks (clay)", "6904.10", "Pakistan", {}),
    ("V-10178", "bricks", "Bricks (clay)", "", "Bangladesh", {}),
    ("V-10187", "sugar", "sugar cane", "1212.93", "Brazil", {}),
    ("V-10201", "coffee", "Green coffee SHB EP", "0901.11", "Costa Rica", {}),
    # Low risk.
    ("V-10210", "machinery", "CNC machining center 5-axis", "8457.10", "Germany", {}),
    ("V-10213", "machinery", "Hydraulic gear pump", "", "", {}),
    ("V-10204", "coffee", "coffee beans arabica washed", "0901.11", "Peru", {}),
    ("V-10216", "machinery", "Industrial gearbox", "8483.40", "Korea, South", {}),
    ("V-10219", "packaging", "Corrugated cartons 5-ply", "4819.10", "USA", {}),
    ("V-10222", "misc", "widgets", "", "USA", {}),
    # Broken rows: each has exactly one problem.
    ("", "cocoa", "cocoa beans", "1801.00", "Ghana", {"problem": "Vendor ID is blank"}),
    ("V-20417", "garments", "men's cotton shirts", "6205.20", "Bangladesh",
     {"problem": "Vendor ID V-20417 is not in suppliers.csv"}),
    ("V-10O23", "cocoa", "cocoa beans", "", "CIV",
     {"problem": "Vendor ID V-10O23 (letter O for zero) is not in suppliers.csv"}),
    ("V-10081", "garments", "", "", "Bangladesh", {"problem": "neither Item Description nor HS Code"}),
    ("V-10154", "shrimp", "frozen shrimp", "0306.17", "Thailand", {"qty": -40, "problem": "negative Qty"}),
    ("V-10063", "cotton", "raw cotton", "5201.00", "Uzbekistan",
     {"value": "TBD", "problem": 'Value (USD) is "TBD"'}),
    ("V-10219", "packaging", "Stretch film 23mic", "3920.10", "USA",
     {"value": "(1,250.00)", "problem": "negative Value (USD), accounting style (1,250.00)"}),
    ("V-10184", "hazelnuts", "Hazelnuts", "0802.22", "Türkiye",
     {"date": "31/02/2026", "problem": "Ship Date 31/02/2026 does not exist"}),
    ("V-10110", "modules", "solar modules 550W", "ABC", "China", {"problem": 'HS Code "ABC"'}),
    ("V-10093", "garments", "Boys polo shirt pique", "6105.10", "Viet Nam",
     {"qty": "approx. 500", "problem": 'Qty "approx. 500" is not a number'}),
    # A valid line with a value written as text with thousands separators.
    ("V-10210", "machinery", "Spare parts for packaging machine", "8422.90", "Germany",
     {"value": "12,500.00"}),
]

HS_ONLY_SHARE = 0.13
BLANK_ORIGIN_SHARE = 0.24  # of filler lines whose origin is the supplier's own country
VALUE_AS_TEXT_SHARE = 0.04


@dataclass
class Line:
    vid: str
    description: str
    hs: str
    origin: str
    qty: object
    unit: str
    value: object  # float, or text as typed into the cell
    date: object  # dt.date (an Excel date cell) or text
    problem: str | None = None
    extra: dict = field(default_factory=dict)


def hs_format(rng: random.Random, hs6: str) -> str:
    """An HS code the way it shows up in ERP exports: 1801.00, 180100 or HTS 1801.00.0000."""
    style = rng.random()
    if style < 0.5:
        return f"{hs6[:4]}.{hs6[4:]}"
    if style < 0.8:
        return hs6
    return f"{hs6[:4]}.{hs6[4:]}.{rng.choice(['0000', '0010', '1000', '2000'])}"


def amount(rng: random.Random, product: Product) -> tuple[object, float]:
    qty = rng.randint(*product.qty)
    if product.unit in ("KG", "PCS", "M", "BOX") and qty >= 1000:
        qty = round(qty, -2)
    return qty, round(qty * rng.uniform(*product.price), 2)


def ship_date(rng: random.Random, day: dt.date) -> object:
    """Mostly Excel date cells; some typed as ISO or day-first text."""
    style = rng.random()
    if style < 0.7:
        return day
    if style < 0.85:
        return day.isoformat()
    return day.strftime("%d/%m/%Y")


def curated_line(rng: random.Random, row: tuple) -> Line:
    vid, key, description, hs, origin, extra = row
    qty, value = amount(rng, PRODUCTS[key])
    if extra.get("value_text"):
        value = f"{value:,.2f}"
    return Line(vid, description, hs, origin, extra.get("qty", qty), PRODUCTS[key].unit,
                extra.get("value", value), extra.get("date"), extra.get("problem"))


def filler_line(rng: random.Random, supplier: Supplier) -> Line:
    key = rng.choice(supplier.products)
    product = PRODUCTS[key]
    description, hs6 = rng.choice(product.variants)
    hs = hs_format(rng, hs6) if hs6 and rng.random() < 0.55 else ""
    if hs6 and rng.random() < HS_ONLY_SHARE / 0.85:  # HS-only lines (some variants have no code)
        description, hs = "", hs_format(rng, hs6)
    iso = rng.choice(supplier.origins)
    blank = iso is None or (iso == supplier.home and rng.random() < BLANK_ORIGIN_SHARE)
    origin = "" if blank else rng.choice(SPELLINGS.get(iso, [iso]))
    qty, value = amount(rng, product)
    if rng.random() < VALUE_AS_TEXT_SHARE:
        value = f"{value:,.2f}"
    return Line(supplier.vid, description, hs, origin, qty, product.unit, value, None)


def purchase_orders(rng: random.Random, suppliers: list[Supplier]) -> list[list[Line]]:
    orders: list[list[Line]] = []
    for row in CURATED_LINES:  # consecutive lines of one vendor share an order (at most 4)
        line = curated_line(rng, row)
        if orders and orders[-1][0].vid == line.vid and len(orders[-1]) < 4 and not line.problem:
            orders[-1].append(line)
        else:
            orders.append([line])
    buyable = [s for s in suppliers if s.vid and s.products and s not in LATE_ROWS]
    weights = [3 if s.origins[0] in {"CIV", "GHA", "CHN", "BGD", "IND", "THA", "TUR"} else 2 for s in buyable]
    count = sum(map(len, orders))
    while count < TOTAL_LINES:
        supplier = rng.choices(buyable, weights)[0]
        size = min(rng.choice([1, 1, 2, 2, 3, 4, 5]), TOTAL_LINES - count)
        orders.append([filler_line(rng, supplier) for _ in range(size)])
        count += size
    rng.shuffle(orders)
    return orders


def sourcing_rows(rng: random.Random, suppliers: list[Supplier]) -> list[Line]:
    """Number the orders and lines like an ERP export (PO-4500123-10, -20, ...)."""
    lines, po = [], 4500100
    for order in purchase_orders(rng, suppliers):
        po += rng.randint(1, 9)
        day = FY_START + dt.timedelta(days=rng.randrange(FY_DAYS))
        for number, line in enumerate(order, start=1):
            line.extra["po_line"] = f"PO-{po}-{number * 10}"
            if line.date is None:
                line.date = ship_date(rng, day)
            lines.append(line)
    return lines


# --- Writers.

def cells(line: Line) -> list[object]:
    return [line.extra["po_line"], line.vid, line.description, line.hs, line.origin,
            line.qty, line.unit, line.value, line.date]


def csv_text(value: object) -> str:
    """A cell as Excel shows it (formats set in write_xlsx)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def write_csv(path: Path, header: list[str], rows: list[list[object]], bom: bool = False) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([[csv_text(v) for v in row] for row in rows])
    path.write_bytes(("\ufeff" if bom else "").encode() + buffer.getvalue().encode("utf-8"))


def write_xlsx(path: Path, rows: list[list[object]]) -> None:
    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = XLSX_SHEET
    sheet.append([XLSX_TITLE])
    sheet["A1"].font = Font(bold=True, size=12)
    sheet.append([])
    sheet.append(SOURCING_HEADER)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([v if v != "" else None for v in row])
    for (value_cell,) in sheet.iter_rows(min_row=XLSX_FIRST_DATA_ROW, min_col=8, max_col=8):
        value_cell.number_format = "0.00"
    for (date_cell,) in sheet.iter_rows(min_row=XLSX_FIRST_DATA_ROW, min_col=9, max_col=9):
        date_cell.number_format = "yyyy-mm-dd"
    for letter, width in zip("ABCDEFGHI", (16, 10, 40, 14, 16, 10, 6, 14, 12), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A4"
    book.properties.creator = "make_sample.py"
    book.properties.created = dt.datetime(*FIXED_ZIP_TIME)
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(deterministic_zip(buffer.getvalue()))


def deterministic_zip(data: bytes) -> bytes:
    """Rewrite the xlsx zip with fixed entry times and a fixed 'modified' stamp."""
    stamp = dt.datetime(*FIXED_ZIP_TIME).strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + stamp, content)
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            entry.create_system = 3
            target.writestr(entry, content)
    return out.getvalue()


# --- README.

README = """\
# Sample input data

Fictional supplier master data and open purchase-order lines, shaped like real ERP exports, for the
README quickstart (`python -m flows screen`) and the tests. Generated by
[`make_sample.py`](make_sample.py) (fixed seed): do not edit the data files by hand.

```bash
.venv/bin/python data/sample/make_sample.py            # rewrites the files in this folder
.venv/bin/python data/sample/make_sample.py --out DIR  # or somewhere else
```

`tests/data/test_sample.py` regenerates into a temporary folder and fails if the committed files differ.

| file | what | rows |
|---|---|---|
| `suppliers.csv` | supplier master, UTF-8, comma: `{supplier_header}` | {n_suppliers} |
| `sourcing.xlsx` | sheet `PO Lines`: title row 1, blank row 2, header row 3 `{sourcing_header}` | {n_lines} |
| `sourcing.csv` | the same lines as UTF-8-with-BOM comma CSV, header on row 1 (an Excel export) | {n_lines} |

In the xlsx, HS codes are text, most ship dates are Excel date cells (shown `yyyy-mm-dd`) and the
rest typed text (`2026-03-14` or day-first `14/03/2026`); {n_value_text} values are text with thousands
separators (`12,500.00`), which are valid. The CSV writes each cell as the xlsx shows it.

All company names are fictional except {n_listed} deliberate variants of entities on the DHS UFLPA
Entity List / CBP Withhold Release Orders, there to exercise name matching:
{listed}

and {n_negative} hard negatives that share generic tokens with listed names but are not listed:
{negatives}

## Planted signal

{n_hs_only} lines ({pct_hs_only}) carry only an HS code (Item Description blank), in the formats ERP
exports use (`1801.00`, `180100`, HTS `5201.00.2800`); {n_blank_origin} lines ({pct_blank_origin}) have
no Country of Origin, so the screening falls back to the supplier's country.

| signal | lines |
|---|---|
{signals}

Coffee from Costa Rica is on the ILAB list (child labor), so it is not a low-risk example; the
low-risk lines are machinery from Germany and Korea, coffee from Peru and packaging from the USA.
Supplier V-10187's country is written `Brasil`, deliberately left unresolvable (the country
converter does not know it and `data/country_aliases.csv` has no alias): its lines name Brazil
as origin, but a line without origin would fall back to an unknown country.

## Deliberately broken rows

Row numbers as a spreadsheet shows them (header of `suppliers.csv` and `sourcing.csv` on row 1,
of `sourcing.xlsx` on row 3).

| file | row | problem |
|---|---|---|
{problems}
"""

SIGNALS = [  # (label, product keys, origin ISO codes or None for any)
    ("cocoa × Côte d'Ivoire (Côte d'Ivoire, Ivory Coast, CIV or via the supplier)", {"cocoa"}, {"CIV"}),
    ("cocoa × Ghana", {"cocoa"}, {"GHA"}),
    ("cotton × Turkmenistan", {"cotton"}, {"TKM"}),
    ("cotton × Uzbekistan", {"cotton"}, {"UZB"}),
    ("garments × Bangladesh / India / Burma", {"garments"}, {"BGD", "IND", "MMR"}),
    ("polysilicon, wafers, cells, modules × China", {"polysilicon", "wafers", "cells", "modules"}, {"CHN"}),
    ("hair products × China (listed suppliers)", {"hair"}, {"CHN"}),
    ("shrimp × Thailand", {"shrimp"}, {"THA"}),
    ("gold × Peru / Burkina Faso", {"gold"}, {"PER", "BFA"}),
    ("hazelnuts × Türkiye (Turkey, Türkiye, TR)", {"hazelnuts"}, {"TUR"}),
    ("tomatoes × Mexico", {"tomatoes"}, {"MEX"}),
    ("unmappable descriptions (widgets, freight, spare parts ...)", {"misc"}, None),
]


def line_facts(line: Line, by_vid: dict[str, Supplier]) -> tuple[str | None, str | None]:
    """(product key, origin ISO) of a generated line, for the README counts."""
    key = next((k for k, p in PRODUCTS.items()
                for desc, hs6 in p.variants
                if (line.description and line.description == desc)
                or (not line.description and hs6 and re.sub(r"\D", "", line.hs)[:6] == hs6)), None)
    spelled = {s: iso for iso, names in SPELLINGS.items() for s in names}
    supplier = by_vid.get(line.vid)
    iso = spelled.get(line.origin) if line.origin else (supplier.home if supplier else None)
    return key, iso


def names(suppliers: list[Supplier], kind: str) -> str:
    return "\n".join(f"- `{s.name}` ({s.vid}, row {i + 2})"
                     for i, s in enumerate(suppliers) if s.problem == kind)


def readme(suppliers: list[Supplier], lines: list[Line]) -> str:
    by_vid = {s.vid: s for s in suppliers if s.vid and s not in LATE_ROWS}
    facts = [line_facts(line, by_vid) for line in lines if not line.problem]
    signals = "\n".join(
        f"| {label} | {sum(1 for k, iso in facts if k in keys and (isos is None or iso in isos))} |"
        for label, keys, isos in SIGNALS)
    problems = [f"| `suppliers.csv` | {i + 2} | {s.vid or '(blank)'} {s.name}: {s.problem} |"
                for i, s in enumerate(suppliers) if s.problem and s.problem not in (LISTED, HARD_NEGATIVE)]
    for i, line in enumerate(lines):
        if line.problem:
            problems.append(f"| `sourcing.xlsx` / `sourcing.csv` | {i + XLSX_FIRST_DATA_ROW} / {i + 2} | "
                            f"{line.extra['po_line']}: {line.problem} |")
    hs_only = sum(1 for line in lines if not line.description and line.hs)
    blank_origin = sum(1 for line in lines if not line.origin)
    return README.format(
        n_suppliers=len(suppliers), supplier_header=",".join(SUPPLIER_HEADER),
        n_lines=len(lines), sourcing_header=",".join(SOURCING_HEADER),
        n_value_text=sum(1 for line in lines if isinstance(line.value, str) and "," in line.value
                         and not line.problem),
        n_listed=sum(1 for s in suppliers if s.problem == LISTED), listed=names(suppliers, LISTED),
        n_negative=sum(1 for s in suppliers if s.problem == HARD_NEGATIVE),
        negatives=names(suppliers, HARD_NEGATIVE),
        n_hs_only=hs_only, pct_hs_only=f"{hs_only / len(lines):.0%}",
        n_blank_origin=blank_origin, pct_blank_origin=f"{blank_origin / len(lines):.0%}",
        signals=signals, problems="\n".join(problems))


def generate(out: Path) -> None:
    rng = random.Random(SEED)
    taken = {s.vid for s in SUPPLIERS}
    suppliers = sorted(SUPPLIERS + filler_suppliers(rng, taken), key=lambda s: s.vid) + LATE_ROWS
    lines = sourcing_rows(rng, suppliers)
    out.mkdir(parents=True, exist_ok=True)
    write_csv(out / "suppliers.csv", SUPPLIER_HEADER,
              [[s.vid, s.name, s.country, s.address, s.sector] for s in suppliers])
    rows = [cells(line) for line in lines]
    write_xlsx(out / "sourcing.xlsx", rows)
    write_csv(out / "sourcing.csv", SOURCING_HEADER, rows, bom=True)
    (out / "README.md").write_text(readme(suppliers, lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=HERE,
                        help="folder to write the files to (default: this script's folder)")
    args = parser.parse_args(argv)
    generate(args.out)
    print(f"wrote suppliers.csv, sourcing.xlsx, sourcing.csv, README.md to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
