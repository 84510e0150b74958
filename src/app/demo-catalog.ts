// What the demo marketplace sells and what goes wrong with it (issue 16: a demo that tells the
// truth): each product has the shape its evidence photo draws, and for each reason a buyer gives
// the defect in the words buyers write (a lipstick is 断了, never 拉链坏了). The buyers have ids of
// the platforms' style (ids stay ASCII: they are in tokens and URLs) and nicknames people choose.
import type { LineFlag, Reason } from '../domain/types.ts';

/** The drawing the demo photo makes of the product (src/app/demo-files.ts). */
export type Shape = 'tee' | 'jeans' | 'coat' | 'lipstick' | 'serum' | 'mask' | 'orange' | 'mango' | 'earbuds' | 'charger' | 'card';

/** A defect as the buyer names it: the photo's caption and the evidence's description, and the buyer's note. */
export interface Defect {
  caption: string;
  note: string;
}

export interface DemoProduct {
  sku: string;
  title: string;
  price: number;
  flags?: LineFlag[];
  shape: Shape;
  /** Body and accent colours of the drawing. */
  colors: [string, string];
  defects: Partial<Record<Reason, Defect>>;
}

const d = (caption: string, note: string): Defect => ({ caption, note });

export const CATALOG: Record<string, DemoProduct[]> = {
  apparel: [
    {
      sku: 'TEE-M', title: '纯棉短袖T恤 M', price: 7900, shape: 'tee', colors: ['#f4f1ea', '#c9c2b3'],
      defects: { quality_issue: d('领口开线', '洗了一次领口就开线了'), damaged: d('衣服有破洞', '拆开快递衣服上有个破洞'), not_as_described: d('面料不是纯棉', '摸着像化纤, 不是描述的纯棉'), wrong_or_missing_item: d('发成L码', '拍的M码, 收到的是L码'), counterfeit: d('吊牌无防伪码', '吊牌上查不到防伪码') },
    },
    {
      sku: 'JEANS-30', title: '直筒牛仔裤 30', price: 15900, shape: 'jeans', colors: ['#3d5a80', '#243b55'],
      defects: { quality_issue: d('拉链坏了', '穿了两次拉链就拉不上了'), damaged: d('裤腿有污渍', '裤腿上一大块污渍'), not_as_described: d('严重掉色', '说不掉色, 洗一次水都蓝了'), wrong_or_missing_item: d('少发一条', '拍了两条只收到一条'), counterfeit: d('品牌标识做工粗糙', '后袋品牌标识和专柜的不一样') },
    },
    {
      sku: 'COAT-L', title: '羊毛大衣 L', price: 59900, shape: 'coat', colors: ['#8d6e63', '#5d4037'],
      defects: { quality_issue: d('纽扣脱落', '第二颗纽扣一扯就掉'), damaged: d('袖口破损', '袖口磨破了'), not_as_described: d('羊毛含量不符', '成分标签写的羊毛只有30%'), wrong_or_missing_item: d('颜色发错', '拍的驼色, 收到的是灰色'), counterfeit: d('吊牌无防伪码', '吊牌防伪码查询无记录') },
    },
    {
      sku: 'CUSTOM-TEE', title: '定制印花T恤', price: 9900, flags: ['customized'], shape: 'tee', colors: ['#ffffff', '#e07a5f'],
      defects: { quality_issue: d('印花开裂', '印花洗一次就裂开了'), damaged: d('印花刮花', '印花有一道刮痕'), not_as_described: d('印花颜色不对', '印花颜色和效果图差很多'), wrong_or_missing_item: d('印错图案', '印的不是我上传的图案'), counterfeit: d('吊牌无防伪码', '吊牌查不到') },
    },
  ],
  cosmetics: [
    {
      sku: 'SERUM-30', title: '精华液 30ml', price: 45900, shape: 'serum', colors: ['#e9c46a', '#b08968'],
      defects: { quality_issue: d('精华液分层变质', '精华液分层, 有酸味'), damaged: d('瓶身破裂漏液', '瓶子碎了, 精华液漏了一盒'), not_as_described: d('批号与描述不符', '瓶底批号和页面写的不一样'), wrong_or_missing_item: d('少发小样', '说好的小样没有'), counterfeit: d('防伪码查询无记录', '瓶底防伪码在官网查不到') },
    },
    {
      sku: 'LIPSTICK', title: '口红 #999', price: 32000, flags: ['hygiene_opened'], shape: 'lipstick', colors: ['#c1121f', '#d4af37'],
      defects: { quality_issue: d('口红膏体断了', '第一次用口红膏体就断了'), damaged: d('口红外壳摔裂', '口红管壳裂了'), not_as_described: d('口红色号不符', '色号和页面的#999不一样'), wrong_or_missing_item: d('口红发错色号', '拍的#999, 发的#888'), counterfeit: d('口红防伪码查询无记录', '口红防伪码查询无记录') },
    },
    {
      sku: 'MASK-10', title: '面膜 10片', price: 9900, shape: 'mask', colors: ['#a8dadc', '#457b9d'],
      defects: { quality_issue: d('面膜干了没有精华', '面膜是干的, 没有精华'), damaged: d('面膜包装漏液', '面膜袋子破了漏液'), not_as_described: d('面膜片数不足', '写的10片, 只有8片'), wrong_or_missing_item: d('面膜少发2片', '面膜少了2片'), counterfeit: d('面膜无防伪标', '面膜盒子上没有防伪标') },
    },
  ],
  fresh: [
    {
      sku: 'ORANGE-5KG', title: '赣南脐橙 5斤', price: 3990, flags: ['perishable'], shape: 'orange', colors: ['#f4a261', '#e76f51'],
      defects: { quality_issue: d('脐橙偏小发干', '脐橙个头小, 切开发干'), damaged: d('到货烂果 3 个', '脐橙到货烂了3个'), not_as_described: d('脐橙不够5斤', '称了只有4斤2两'), wrong_or_missing_item: d('脐橙少发一箱', '拍两箱只到一箱') },
    },
    {
      sku: 'MANGO-3KG', title: '贵妃芒 3斤', price: 2990, flags: ['perishable'], shape: 'mango', colors: ['#ffb703', '#8ab17d'],
      defects: { quality_issue: d('芒果偏小', '芒果个头比图片小很多'), damaged: d('芒果压烂了', '芒果压烂流汁了'), not_as_described: d('芒果不够3斤', '称了只有2斤半'), wrong_or_missing_item: d('芒果少发', '芒果少了好几个') },
    },
  ],
  electronics: [
    {
      sku: 'EARBUDS', title: '无线耳机', price: 49900, shape: 'earbuds', colors: ['#f8f9fa', '#adb5bd'],
      defects: { quality_issue: d('耳机左耳无声音', '耳机左耳没有声音'), damaged: d('耳机充电仓裂了', '耳机充电仓外壳裂了'), not_as_described: d('耳机不支持降噪', '说有降噪, 实际没有'), wrong_or_missing_item: d('耳机少发充电线', '耳机盒里没有充电线'), counterfeit: d('耳机序列号查不到', '耳机序列号官网查不到') },
    },
    {
      sku: 'CHARGER-65W', title: '65W 充电器', price: 12900, shape: 'charger', colors: ['#ffffff', '#6c757d'],
      defects: { quality_issue: d('充电器不通电', '充电器插上不通电'), damaged: d('充电器插脚弯了', '充电器插脚弯了'), not_as_described: d('充电器功率不足65W', '充电器测了只有20W'), wrong_or_missing_item: d('充电器发成30W', '拍的65W充电器, 发的30W'), counterfeit: d('充电器无3C标志', '充电器上没有3C标志') },
    },
    {
      sku: 'E-CARD-100', title: '100元游戏点卡', price: 10000, flags: ['virtual'], shape: 'card', colors: ['#6a4c93', '#1982c4'],
      defects: { quality_issue: d('点卡卡密无效', '点卡卡密提示无效'), not_as_described: d('点卡面值不符', '点卡只充了50元') },
    },
  ],
};

/** The words of each category's defects: what a coherent demo case's note and evidence say (test/demo-seed.test.ts). */
export const CATEGORY_WORDS: Record<string, string[]> = Object.fromEntries(
  Object.entries(CATALOG).map(([category, products]) => [category, [...new Set(products.flatMap((p) => Object.values(p.defects).flatMap((x) => [x.caption, x.note])))]]),
);

/** The product a line's SKU is, in its category. */
export const productOf = (category: string, sku: string): DemoProduct | undefined => CATALOG[category]?.find((p) => p.sku === sku);

const NICKNAMES = [
  '小鹿爱吃草', '橘子汽水', 'momo酱', '不吃香菜的猫', '阿珍爱上了阿强', '一只咸鱼', '奶茶续命', '晴天小猪', '夏天的风', '山野里的雾',
  '爱喝冰美式', '小土豆', '柠檬不萌', '江南烟雨', '周末去哪儿', '熬夜冠军', '芒果布丁', '快乐星球', '慢慢来', '大橘为重',
  '喵了个咪', '吃不胖的胖子', '风吹麦浪', '豆豆妈', '北漂小王', '云朵棉花糖', '早睡早起', '追风少年', '西瓜太郎', '小确幸',
  '半糖主义', '葡萄冰', '三月桃花', '南风知我意', '剁手达人', '今天不加班', '一颗柠檬', '旺仔小馒头', '海盐芝士', '鲸落',
];

/**
 * The demo's 40 buyers: ids like the platforms' (tb_ and 8 digits, ASCII, so they work in tokens
 * and URLs), shown with their nickname on the sign-in page.
 */
export const DEMO_BUYERS: { id: string; nickname: string }[] = NICKNAMES.map((nickname, i) => ({ id: `tb_${String(88_230_000 + ((i * 7_919 + 1_457) % 10_000) * 3)}`, nickname }));

export const nicknameOf = (buyerId: string): string | null => DEMO_BUYERS.find((b) => b.id === buyerId)?.nickname ?? null;
