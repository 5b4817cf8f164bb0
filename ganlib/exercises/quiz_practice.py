"""The quiz questions of the practice lessons 04–06 and 08, in the format of :mod:`ganlib.exercises.quiz_questions`."""

PRACTICE: dict[str, list[dict]] = {
    "04": [
        {
            "question": {
                "en": "D rejects a fake confidently: logit l = −10. Which generator loss still has a slope of "
                      "about −1 there?",
                "vi": "D bác bỏ chắc chắn một mẫu giả: logit l = −10. Mất mát nào của bộ sinh vẫn có độ dốc khoảng"
                      " −1 ở đó?",
            },
            "choices": [
                {
                    "en": "minimax, log(1 − σ(l))",
                    "vi": "minimax, log(1 − σ(l))",
                },
                {
                    "en": "both",
                    "vi": "cả hai",
                },
                {
                    "en": "non-saturating, −log σ(l)",
                    "vi": "không bão hòa, −log σ(l)",
                },
            ],
            "answer": 2,
            "why": {
                "en": "d/dl of −log σ(l) is −(1 − σ(l)) ≈ −1 for l ≪ 0, while the minimax slope −σ(l) ≈ −e^l dies "
                      "out.",
                "vi": "Đạo hàm của −log σ(l) là −(1 − σ(l)) ≈ −1 khi l ≪ 0, còn độ dốc minimax −σ(l) ≈ −e^l thì "
                      "tắt dần.",
            },
        },
        {
            "question": {
                "en": "Does the non-saturating loss change the game's fixed point?",
                "vi": "Mất mát không bão hòa có làm thay đổi điểm bất động của trò chơi không?",
            },
            "choices": [
                {
                    "en": "No: still D* = 1/2 and p_g = p_data, but the game is no longer zero-sum",
                    "vi": "Không: vẫn là D* = 1/2 và p_g = p_data, nhưng trò chơi không còn tổng bằng không",
                },
                {
                    "en": "Yes: the equilibrium moves away from p_g = p_data",
                    "vi": "Có: cân bằng dời khỏi p_g = p_data",
                },
                {
                    "en": "It has no fixed point",
                    "vi": "Nó không có điểm bất động",
                },
            ],
            "answer": 0,
            "why": {
                "en": "Both losses push G toward where D is high and are stationary at D = 1/2; only the sizes of "
                      "the gradients differ.",
                "vi": "Cả hai mất mát đều đẩy G về nơi D cao và có gradient bằng 0 khi D = 1/2; chỉ độ lớn gradient là khác.",
            },
        },
        {
            "question": {
                "en": "Over all 1-Lipschitz f, the supremum of E_data[f] − E_g[f] is…",
                "vi": "Cận trên đúng (supremum) của E_data[f] − E_g[f] trên mọi hàm f 1-Lipschitz là…",
            },
            "choices": [
                {
                    "en": "the JSD",
                    "vi": "JSD",
                },
                {
                    "en": "W1, the earth mover's distance",
                    "vi": "W1, khoảng cách Wasserstein (earth mover's distance)",
                },
                {
                    "en": "log 4",
                    "vi": "log 4",
                },
            ],
            "answer": 1,
            "why": {
                "en": "The Kantorovich–Rubinstein duality: that is why a critic with slope near 1 estimates W1.",
                "vi": "Đối ngẫu Kantorovich–Rubinstein: vì thế một critic có độ dốc gần 1 ước lượng được W1.",
            },
        },
        {
            "question": {
                "en": "Weight clipping to [−c, c] gives a critic that is…",
                "vi": "Cắt trọng số (kẹp vào đoạn [−c, c]) cho ta một critic…",
            },
            "choices": [
                {
                    "en": "exactly 1-Lipschitz",
                    "vi": "đúng 1-Lipschitz",
                },
                {
                    "en": "K-Lipschitz for some unknown K",
                    "vi": "K-Lipschitz với một K chưa biết",
                },
                {
                    "en": "not Lipschitz at all",
                    "vi": "hoàn toàn không Lipschitz",
                },
            ],
            "answer": 1,
            "why": {
                "en": "Bounded weights bound the slope, but by a constant that depends on c and the architecture, "
                      "not by 1.",
                "vi": "Trọng số bị chặn thì độ dốc bị chặn, nhưng bởi một hằng số phụ thuộc c và kiến trúc, không "
                      "phải 1.",
            },
        },
    ],
    "05": [
        {
            "question": {
                "en": "The generator ends in tanh. What range must the real images be scaled to?",
                "vi": "Bộ sinh kết thúc bằng tanh. Ảnh thật phải được đưa về miền nào?",
            },
            "choices": [
                {
                    "en": "[0, 255]",
                    "vi": "[0, 255]",
                },
                {
                    "en": "[0, 1]",
                    "vi": "[0, 1]",
                },
                {
                    "en": "[−1, 1]",
                    "vi": "[−1, 1]",
                },
            ],
            "answer": 2,
            "why": {
                "en": "Otherwise D tells real from fake by the range alone (e.g. no pixel below 0 is real).",
                "vi": "Nếu không, D phân biệt thật giả chỉ nhờ miền giá trị (chẳng hạn điểm ảnh âm thì không thể "
                      "là thật).",
            },
        },
        {
            "question": {
                "en": "At the equilibrium D = 1/2, what is the non-saturating generator loss −log D (nats)?",
                "vi": "Tại cân bằng D = 1/2, mất mát không bão hòa −log D của bộ sinh bằng bao nhiêu (nat)?",
            },
            "number": 0.693,
            "tolerance": 0.005,
            "why": {
                "en": "−log(1/2) = log 2 ≈ 0.693, while D's loss is log 4: losses near these values say nothing "
                      "about sample quality.",
                "vi": "−log(1/2) = log 2 ≈ 0.693, còn mất mát của D là log 4: mất mát quanh các giá trị này không "
                      "nói gì về chất lượng mẫu.",
            },
        },
        {
            "question": {
                "en": "A generator draws perfect digits of one class only. Which number shows it?",
                "vi": "Một bộ sinh vẽ chữ số hoàn hảo nhưng chỉ của một lớp. Con số nào cho thấy điều đó?",
            },
            "choices": [
                {
                    "en": "precision falls",
                    "vi": "precision giảm",
                },
                {
                    "en": "recall and the number of classes covered fall",
                    "vi": "recall và số lớp có mặt giảm",
                },
                {
                    "en": "D's loss rises above log 4",
                    "vi": "mất mát của D tăng trên log 4",
                },
            ],
            "answer": 1,
            "why": {
                "en": "Precision asks whether samples look real (they do); recall and class coverage ask whether "
                      "all the real data are reached (they are not).",
                "vi": "Precision hỏi mẫu có giống thật không (có); recall và số lớp có mặt hỏi mẫu có phủ hết dữ "
                      "liệu thật không (không).",
            },
        },
    ],
    "06": [
        {
            "question": {
                "en": "Simultaneous gradient play on f = xy with lr = 0.1: by what factor does the distance from "
                      "(0, 0) grow per step?",
                "vi": "Chơi trò chơi f = xy bằng bước gradient đồng thời với lr = 0.1: mỗi bước, khoảng cách tới (0, 0)"
                      " được nhân với hệ số bao nhiêu?",
            },
            "number": 1.005,
            "tolerance": 0.0005,
            "why": {
                "en": "√(1 + lr²) = √1.01 ≈ 1.005: greater than 1 for every lr, so smaller steps only slow the "
                      "spiral down.",
                "vi": "√(1 + lr²) = √1.01 ≈ 1.005: lớn hơn 1 với mọi lr, nên bước nhỏ hơn chỉ làm vòng xoắn chậm "
                      "lại.",
            },
        },
        {
            "question": {
                "en": "Which update spirals in toward the equilibrium of xy?",
                "vi": "Cách cập nhật nào xoắn vào điểm cân bằng của xy?",
            },
            "choices": [
                {
                    "en": "simultaneous",
                    "vi": "đồng thời",
                },
                {
                    "en": "alternating",
                    "vi": "luân phiên",
                },
                {
                    "en": "extragradient",
                    "vi": "extragradient",
                },
            ],
            "answer": 2,
            "why": {
                "en": "Extragradient shrinks the radius by √(1 − lr² + lr⁴) < 1 per step; alternating steps circle"
                      " forever and simultaneous ones spiral out.",
                "vi": "Extragradient thu nhỏ bán kính theo hệ số √(1 − lr² + lr⁴) < 1 mỗi bước; bước luân phiên quay "
                      "vòng mãi, còn bước đồng thời xoắn ra ngoài.",
            },
        },
        {
            "question": {
                "en": "On the ring of 8 Gaussians, what did the moving average of a collapsing vanilla G do?",
                "vi": "Trên vòng tròn 8 Gaussian, trung bình trượt của G trong một GAN gốc đang sụp đổ đã làm gì?",
            },
            "choices": [
                {
                    "en": "shrank to the centre of the ring",
                    "vi": "co về tâm vòng tròn",
                },
                {
                    "en": "covered all 8 modes",
                    "vi": "bao phủ cả 8 mode",
                },
                {
                    "en": "stayed on one mode",
                    "vi": "nằm yên trên một mode",
                },
            ],
            "answer": 0,
            "why": {
                "en": "G jumps from mode to mode; averaging weights that point at different modes lands between "
                      "them, at the centre.",
                "vi": "G nhảy từ mode này sang mode khác; trung bình các bộ trọng số chỉ về những mode khác nhau "
                      "rơi vào giữa chúng, ở tâm.",
            },
        },
        {
            "question": {
                "en": "You try five instance_noise values and report the best on the same seeds. What is wrong?",
                "vi": "Bạn thử năm giá trị instance_noise rồi báo cáo giá trị tốt nhất trên cùng các seed. Sai ở "
                      "đâu?",
            },
            "choices": [
                {
                    "en": "Nothing: the best value is the result",
                    "vi": "Không sai: giá trị tốt nhất là kết quả",
                },
                {
                    "en": "You tuned on the seeds you evaluate on, so the number is optimistic",
                    "vi": "Bạn chỉnh tham số trên chính các seed dùng để đánh giá, nên con số lạc quan quá mức",
                },
                {
                    "en": "Five values are too many",
                    "vi": "Năm giá trị là quá nhiều",
                },
            ],
            "answer": 1,
            "why": {
                "en": "Report every value tried, or pick on some seeds and measure on fresh ones.",
                "vi": "Hãy báo cáo mọi giá trị đã thử, hoặc chọn trên một số seed rồi đo trên các seed mới.",
            },
        },
    ],
    "08": [
        {
            "question": {
                "en": "In the grid of lesson 08, z stays fixed down a column and only the label y changes. What "
                      "changes from row to row?",
                "vi": "Trong lưới của bài 08, z giữ nguyên theo cột và chỉ nhãn y đổi. Từ hàng này sang hàng khác, "
                      "điều gì đổi?",
            },
            "choices": [
                {"en": "the style of the stroke, while the digit stays",
                 "vi": "phong cách nét viết, còn chữ số giữ nguyên"},
                {"en": "the digit, while the style (thickness, slant) stays",
                 "vi": "chữ số, còn phong cách (độ đậm, độ nghiêng) giữ nguyên"},
                {"en": "nothing: the generator ignores the label once trained",
                 "vi": "không gì cả: huấn luyện xong, bộ sinh bỏ qua nhãn"},
            ],
            "answer": 1,
            "why": {
                "en": "The label decides the content, z the style: one z gives one hand in every row.",
                "vi": "Nhãn quyết định nội dung, z quyết định phong cách: một z cho cùng một kiểu viết ở mọi hàng.",
            },
        },
        {
            "question": {
                "en": "The classifier reads the asked digit in 97.7% of the generated samples and in 97.4% of real "
                      "digits. What does that show?",
                "vi": "Bộ phân loại đọc ra đúng chữ số được yêu cầu ở 97.7% mẫu sinh ra và 97.4% chữ số thật. "
                      "Điều đó cho thấy gì?",
            },
            "choices": [
                {"en": "G draws the digit it is asked for; it says nothing about how many ways of writing it G covers",
                 "vi": "G vẽ đúng chữ số được yêu cầu; nó không nói G phủ được bao nhiêu cách viết chữ số đó"},
                {"en": "the samples are better than real digits",
                 "vi": "mẫu sinh ra tốt hơn chữ số thật"},
                {"en": "G has memorised the training digits",
                 "vi": "G đã học thuộc các chữ số huấn luyện"},
            ],
            "answer": 0,
            "why": {
                "en": "Accuracy checks the content of each sample, not the spread: per-class recall is 0.39–0.68 "
                      "for G against 0.76–0.92 for real digits.",
                "vi": "Độ chính xác kiểm tra nội dung từng mẫu, không kiểm tra độ trải: recall theo lớp của G là "
                      "0.39–0.68, của chữ số thật là 0.76–0.92.",
            },
        },
        {
            "question": {
                "en": "Where does the label enter a projection discriminator?",
                "vi": "Nhãn đi vào bộ phân biệt chiếu ở đâu?",
            },
            "choices": [
                {"en": "concatenated to the pixels at the input", "vi": "ghép vào các điểm ảnh ở đầu vào"},
                {"en": "as a second output head that classifies the digit",
                 "vi": "qua một đầu ra thứ hai phân loại chữ số"},
                {"en": "as the inner product e_y·φ(x) with the last hidden features, added to the logit",
                 "vi": "qua tích vô hướng e_y·φ(x) với đặc trưng ở tầng ẩn cuối, cộng vào logit"},
            ],
            "answer": 2,
            "why": {
                "en": "logit(x, y) = ψ(φ(x)) + e_y·φ(x) (Miyato & Koyama 2018); concatenation is the other common "
                      "way, and a classifying head is AC-GAN.",
                "vi": "logit(x, y) = ψ(φ(x)) + e_y·φ(x) (Miyato & Koyama 2018); ghép vào đầu vào là cách phổ biến "
                      "còn lại, còn đầu ra phân loại là AC-GAN.",
            },
        },
    ],
}
